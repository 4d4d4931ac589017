using ProductBrowser.Domain;

namespace ProductBrowser.Data.Seeding;

/// <summary>The words the demo catalog is made of. Changing them changes every generated catalog.</summary>
internal static class DemoCatalogVocabulary
{
    // Ids follow the alphabetical order of the names, so "sort by category" (category id, then name) reads A to Z.
    // The array order is what the generator draws from; changing it changes every generated catalog.
    public static readonly DemoCategory[] Categories =
    [
        new(7, "HTL", "Hand Tools",
            [new("Claw Hammer", 0.65m), new("Screwdriver Set", 0.9m), new("Adjustable Wrench", 0.45m), new("Combination Pliers", 0.3m), new("Utility Knife", 0.15m), new("Hex Key Set", 0.25m), new("Spirit Level", 0.8m), new("Tape Measure", 0.35m), new("Hacksaw", 0.6m), new("Socket Set", 4.2m), new("Pry Bar", 1.6m), new("Rubber Mallet", 0.7m)],
            ["site work", "maintenance crews", "assembly lines", "workshop benches"],
            [UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(13, "PWR", "Power Tools",
            [new("Cordless Drill", 1.8m), new("Angle Grinder", 2.4m), new("Impact Driver", 1.4m), new("Circular Saw", 4.5m), new("Jigsaw", 2.2m), new("Rotary Hammer", 3.9m), new("Heat Gun", 0.8m), new("Orbital Sander", 1.5m), new("Battery Pack 18V", 0.6m), new("Fast Charger", 0.5m)],
            ["professional trades", "fit-out work", "maintenance teams", "fabrication shops"],
            [UnitOfMeasure.Each]),
        new(5, "FAS", "Fasteners",
            [new("Hex Bolt M8", 0.02m), new("Wood Screw 4x40", 0.004m), new("Wall Plug 8mm", 0.002m), new("Washer M10", 0.004m), new("Lock Nut M12", 0.015m), new("Self-Tapping Screw", 0.003m), new("Anchor Bolt M10", 0.06m), new("Cable Tie 300mm", 0.003m), new("Rivet 4.8mm", 0.002m), new("Threaded Rod M8", 0.4m)],
            ["fixing and assembly", "racking installation", "general repairs", "steelwork"],
            [UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(11, "PKG", "Packaging",
            [new("Shipping Carton", 0.35m), new("Stretch Film", 2.4m), new("Bubble Wrap", 1.8m), new("Packing Tape", 0.25m), new("Void Fill Paper", 4.5m), new("Mailing Bag", 0.02m), new("Pallet Wrap", 3.2m), new("Edge Protector", 0.12m), new("Strapping Kit", 6.5m), new("Label Roll", 0.4m)],
            ["outbound shipping", "pallet securing", "e-commerce orders", "returns handling"],
            [UnitOfMeasure.Roll, UnitOfMeasure.Pack, UnitOfMeasure.Case, UnitOfMeasure.Pallet]),
        new(14, "SAF", "Safety & PPE",
            [new("Safety Helmet", 0.4m), new("Hi-Vis Vest", 0.15m), new("Work Gloves", 0.1m), new("Safety Glasses", 0.05m), new("Ear Defenders", 0.25m), new("Steel Toe Boots", 1.6m), new("Dust Mask FFP2", 0.01m), new("First Aid Kit", 1.2m), new("Fall Arrest Harness", 1.4m), new("Knee Pads", 0.5m)],
            ["warehouse staff", "construction sites", "loading docks", "cold stores"],
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(4, "ELE", "Electrical",
            [new("Extension Reel 25m", 3.8m), new("Cable 3G1.5", 0.1m), new("Junction Box", 0.15m), new("Circuit Breaker 16A", 0.12m), new("Socket Outlet", 0.1m), new("Cable Gland", 0.02m), new("Multimeter", 0.35m), new("Plug Top", 0.06m), new("Distribution Board", 2.5m), new("Cable Drum 50m", 9.5m)],
            ["installations", "site power", "panel building", "facility maintenance"],
            [UnitOfMeasure.Each, UnitOfMeasure.Roll, UnitOfMeasure.Meter]),
        new(12, "PLB", "Plumbing",
            [new("Copper Pipe 15mm", 0.3m), new("Ball Valve", 0.25m), new("Compression Fitting", 0.08m), new("PTFE Tape", 0.01m), new("Pipe Wrench", 1.1m), new("Flexible Hose", 0.2m), new("Waste Trap", 0.3m), new("Push-Fit Elbow", 0.03m), new("Pressure Gauge", 0.2m), new("Pipe Clip", 0.01m)],
            ["heating systems", "water supply", "drainage", "service calls"],
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Meter]),
        new(3, "CLN", "Cleaning",
            [new("Floor Cleaner 5L", 5.3m), new("Microfibre Cloth", 0.04m), new("Industrial Mop", 0.6m), new("Wheeled Bucket", 3.5m), new("Degreaser Spray", 0.5m), new("Paper Towel Roll", 1.1m), new("Refuse Sack", 0.03m), new("Hand Soap 500ml", 0.55m), new("Push Broom", 1.2m), new("Spill Kit", 6m)],
            ["warehouse floors", "washrooms", "vehicle bays", "food areas"],
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(10, "OFF", "Office Supplies",
            [new("Copy Paper A4", 2.5m), new("Ballpoint Pen", 0.01m), new("Lever Arch File", 0.45m), new("Sticky Notes", 0.05m), new("Desk Stapler", 0.3m), new("Whiteboard Marker", 0.02m), new("Shipping Label A4", 0.5m), new("Clipboard", 0.2m), new("Archive Box", 0.4m), new("Calculator", 0.15m)],
            ["dispatch offices", "goods-in desks", "admin teams", "shift handovers"],
            [UnitOfMeasure.Each, UnitOfMeasure.Pack, UnitOfMeasure.Case]),
        new(15, "STO", "Storage & Shelving",
            [new("Pallet Racking Beam", 14m), new("Boltless Shelving Unit", 32m), new("Stacking Bin", 0.6m), new("Euro Container", 1.9m), new("Wire Mesh Deck", 6.5m), new("Louvre Panel", 8m), new("Parts Cabinet", 12m), new("Drum Rack", 28m), new("Cantilever Arm", 9m), new("Shelf Divider", 0.4m)],
            ["pick faces", "bulk storage", "small parts", "returns areas"],
            [UnitOfMeasure.Each, UnitOfMeasure.Pack]),
        new(9, "MHE", "Material Handling",
            [new("Pallet Truck", 75m), new("Sack Truck", 14m), new("Platform Trolley", 22m), new("Roll Cage", 38m), new("Lifting Strap", 0.8m), new("Drum Trolley", 19m), new("Stock Picking Ladder", 11m), new("Tow Rope", 1.5m), new("Ratchet Strap", 1m), new("Load Skate", 16m)],
            ["loading bays", "order picking", "heavy loads", "cross-docking"],
            [UnitOfMeasure.Each]),
        new(8, "LGT", "Lighting",
            [new("LED Tube 150cm", 0.3m), new("High Bay Luminaire", 4.5m), new("Emergency Light", 0.7m), new("Floodlight 50W", 1.6m), new("Work Lamp", 1.2m), new("Head Torch", 0.12m), new("LED Panel 60x60", 2.8m), new("Bulkhead Light", 0.9m), new("Motion Sensor", 0.15m), new("Batten Fitting", 1.1m)],
            ["warehouse aisles", "yards", "loading docks", "offices"],
            [UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(1, "ADH", "Adhesives & Tapes",
            [new("Duct Tape", 0.3m), new("Floor Marking Tape", 0.45m), new("Silicone Sealant", 0.4m), new("Epoxy Adhesive", 0.08m), new("Double-Sided Tape", 0.1m), new("Hazard Tape", 0.35m), new("Contact Adhesive", 0.8m), new("Masking Tape", 0.2m), new("Foam Tape", 0.15m), new("Threadlocker", 0.05m)],
            ["floor marking", "sealing", "bonding", "temporary fixing"],
            [UnitOfMeasure.Roll, UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(2, "AUT", "Automotive",
            [new("Engine Oil 5L", 4.6m), new("Jump Starter", 1.9m), new("Tyre Inflator", 1.3m), new("Wiper Blade", 0.2m), new("Coolant 5L", 5.4m), new("Tow Bar Light Board", 2.2m), new("Wheel Chock", 1.8m), new("Battery Charger", 2m), new("Trolley Jack", 16m), new("Axle Stand Pair", 7.5m)],
            ["fleet maintenance", "forklift servicing", "vehicle bays", "roadside kits"],
            [UnitOfMeasure.Each, UnitOfMeasure.Case]),
        new(6, "GRD", "Grounds & Garden",
            [new("Rock Salt 25kg", 25m), new("Snow Shovel", 1.6m), new("Garden Hose 30m", 3.2m), new("Leaf Rake", 0.7m), new("Wheelbarrow", 14m), new("Weed Killer 5L", 5.2m), new("Hedge Trimmer", 3.8m), new("Outdoor Broom", 1.3m), new("Planter Box", 9m), new("Pruning Saw", 0.4m)],
            ["yards", "winter gritting", "landscaping", "site upkeep"],
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
