namespace ProductBrowser.Data.Seeding;

/// <summary>The words the demo catalog is made of. Changing them changes every generated catalog.</summary>
internal static class DemoCatalogVocabulary
{
    public static readonly DemoCategory[] Categories =
    [
        new(1, "HTL", "Hand Tools",
            ["Claw Hammer", "Screwdriver Set", "Adjustable Wrench", "Combination Pliers", "Utility Knife", "Hex Key Set", "Spirit Level", "Tape Measure", "Hacksaw", "Socket Set", "Pry Bar", "Rubber Mallet"],
            ["site work", "maintenance crews", "assembly lines", "workshop benches"], 0.15m, 4.5m,
            [UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(2, "PWR", "Power Tools",
            ["Cordless Drill", "Angle Grinder", "Impact Driver", "Circular Saw", "Jigsaw", "Rotary Hammer", "Heat Gun", "Orbital Sander", "Battery Pack 18V", "Fast Charger"],
            ["professional trades", "fit-out work", "maintenance teams", "fabrication shops"], 0.6m, 9.5m,
            [UnitOfMeasure.Each]),
        new(3, "FAS", "Fasteners",
            ["Hex Bolt M8", "Wood Screw 4x40", "Wall Plug 8mm", "Washer M10", "Lock Nut M12", "Self-Tapping Screw", "Anchor Bolt M10", "Cable Tie 300mm", "Rivet 4.8mm", "Threaded Rod M8"],
            ["fixing and assembly", "racking installation", "general repairs", "steelwork"], 0.002m, 0.4m,
            [UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(4, "PKG", "Packaging",
            ["Shipping Carton", "Stretch Film", "Bubble Wrap", "Packing Tape", "Void Fill Paper", "Mailing Bag", "Pallet Wrap", "Edge Protector", "Strapping Kit", "Label Roll"],
            ["outbound shipping", "pallet securing", "e-commerce orders", "returns handling"], 0.05m, 8m,
            [UnitOfMeasure.Roll, UnitOfMeasure.Pack, UnitOfMeasure.Case, UnitOfMeasure.Pallet]),
        new(5, "SAF", "Safety & PPE",
            ["Safety Helmet", "Hi-Vis Vest", "Work Gloves", "Safety Glasses", "Ear Defenders", "Steel Toe Boots", "Dust Mask FFP2", "First Aid Kit", "Fall Arrest Harness", "Knee Pads"],
            ["warehouse staff", "construction sites", "loading docks", "cold stores"], 0.05m, 3.5m,
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(6, "ELE", "Electrical",
            ["Extension Reel 25m", "Cable 3G1.5", "Junction Box", "Circuit Breaker 16A", "Socket Outlet", "Cable Gland", "Multimeter", "Plug Top", "Distribution Board", "Cable Drum 50m"],
            ["installations", "site power", "panel building", "facility maintenance"], 0.05m, 22m,
            [UnitOfMeasure.Each, UnitOfMeasure.Roll, UnitOfMeasure.Meter]),
        new(7, "PLB", "Plumbing",
            ["Copper Pipe 15mm", "Ball Valve", "Compression Fitting", "PTFE Tape", "Pipe Wrench", "Flexible Hose", "Waste Trap", "Push-Fit Elbow", "Pressure Gauge", "Pipe Clip"],
            ["heating systems", "water supply", "drainage", "service calls"], 0.02m, 6m,
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Meter]),
        new(8, "CLN", "Cleaning",
            ["Floor Cleaner 5L", "Microfibre Cloth", "Industrial Mop", "Wheeled Bucket", "Degreaser Spray", "Paper Towel Roll", "Refuse Sack", "Hand Soap 500ml", "Push Broom", "Spill Kit"],
            ["warehouse floors", "washrooms", "vehicle bays", "food areas"], 0.1m, 14m,
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(9, "OFF", "Office Supplies",
            ["Copy Paper A4", "Ballpoint Pen", "Lever Arch File", "Sticky Notes", "Desk Stapler", "Whiteboard Marker", "Shipping Label A4", "Clipboard", "Archive Box", "Calculator"],
            ["dispatch offices", "goods-in desks", "admin teams", "shift handovers"], 0.01m, 2.6m,
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(10, "STO", "Storage & Shelving",
            ["Pallet Racking Beam", "Boltless Shelving Unit", "Stacking Bin", "Euro Container", "Wire Mesh Deck", "Louvre Panel", "Parts Cabinet", "Drum Rack", "Cantilever Arm", "Shelf Divider"],
            ["pick faces", "bulk storage", "small parts", "returns areas"], 0.3m, 85m,
            [UnitOfMeasure.Each, UnitOfMeasure.Pack]),
        new(11, "MHE", "Material Handling",
            ["Pallet Truck", "Sack Truck", "Platform Trolley", "Roll Cage", "Lifting Strap", "Drum Trolley", "Stock Picking Ladder", "Tow Rope", "Ratchet Strap", "Load Skate"],
            ["loading bays", "order picking", "heavy loads", "cross-docking"], 0.4m, 120m,
            [UnitOfMeasure.Each]),
        new(12, "LGT", "Lighting",
            ["LED Tube 150cm", "High Bay Luminaire", "Emergency Light", "Floodlight 50W", "Work Lamp", "Head Torch", "LED Panel 60x60", "Bulkhead Light", "Motion Sensor", "Batten Fitting"],
            ["warehouse aisles", "yards", "loading docks", "offices"], 0.1m, 9m,
            [UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(13, "ADH", "Adhesives & Tapes",
            ["Duct Tape", "Floor Marking Tape", "Silicone Sealant", "Epoxy Adhesive", "Double-Sided Tape", "Hazard Tape", "Contact Adhesive", "Masking Tape", "Foam Tape", "Threadlocker"],
            ["floor marking", "sealing", "bonding", "temporary fixing"], 0.02m, 2m,
            [UnitOfMeasure.Roll, UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(14, "AUT", "Automotive",
            ["Engine Oil 5L", "Jump Starter", "Tyre Inflator", "Wiper Blade", "Coolant 5L", "Tow Bar Light Board", "Wheel Chock", "Battery Charger", "Trolley Jack", "Axle Stand Pair"],
            ["fleet maintenance", "forklift servicing", "vehicle bays", "roadside kits"], 0.2m, 35m,
            [UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(15, "GRD", "Grounds & Garden",
            ["Rock Salt 25kg", "Snow Shovel", "Garden Hose 30m", "Leaf Rake", "Wheelbarrow", "Weed Killer 5L", "Hedge Trimmer", "Outdoor Broom", "Planter Box", "Pruning Saw"],
            ["yards", "winter gritting", "landscaping", "site upkeep"], 0.3m, 26m,
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Pallet]),
    ];

    public static readonly string[] Brands =
    [
        "Atlas", "Northwind", "Fabrikam", "Contoso", "Ironbridge", "Kestrel", "Meridian", "Harbour", "Stanmore", "Polaris",
        "Redline", "Trident", "Vantage", "Granite", "Summit", "Bluewater", "Oakridge", "Titan", "Evergreen", "Cobalt",
    ];

    public static readonly string[] Grades =
    [
        "Heavy-Duty", "Professional", "Compact", "Industrial", "Standard", "Premium", "Lightweight", "Reinforced", "Economy", "Pro-Series",
    ];

    public static readonly string[] Features =
    [
        "Built to last in daily warehouse use",
        "Tested to the relevant EN standard",
        "Clearly labelled for fast picking",
        "Resistant to oil, water and dust",
        "Designed for one-handed use",
        "Packed flat to save shelf space",
        "Colour-coded for quick identification",
        "Suitable for temperatures from -20 °C to 50 °C",
        "Made with 40 % recycled material",
        "Backed by a two-year manufacturer warranty",
    ];

    public static readonly string[] Finishes =
    [
        "Black", "Yellow", "Blue", "Red", "Grey", "Orange", "Green", "White", "Stainless", "Zinc-Plated",
    ];
}
