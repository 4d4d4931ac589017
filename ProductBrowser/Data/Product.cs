using ProductBrowser.Domain;

namespace ProductBrowser.Data;

/// <summary>A catalog item as stored in PostgreSQL. Never cached or handed to components: see <c>ProductDetails</c>.</summary>
public class Product
{
    public Guid Id { get; set; }

    /// <summary>Stock keeping unit, stored upper-case so lookups can fold case once on input.</summary>
    public required string Sku { get; set; }

    /// <summary>GTIN-13 (EAN) printed on the item's barcode; optional for internal items.</summary>
    public string? Gtin { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public int CategoryId { get; set; }

    public Category Category { get; set; } = null!;

    public required string Brand { get; set; }

    public decimal WeightKg { get; set; }

    public decimal LengthCm { get; set; }

    public decimal WidthCm { get; set; }

    public decimal HeightCm { get; set; }

    public UnitOfMeasure UnitOfMeasure { get; set; }

    /// <summary>Units in one handling unit (a case of 12, a pallet of 40); 1 for single items.</summary>
    public int UnitsPerPack { get; set; } = 1;

    /// <summary>Warehouse bin, for example <c>A-12-03</c>.</summary>
    public required string BinLocation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: changes on every update, so concurrent edits are detected.</summary>
    public uint Version { get; set; }

    /// <summary>
    /// Drawn from the catalog-wide <c>catalog_revision</c> sequence on insert and on every update that changes a value
    /// (a trigger, whoever writes): it only grows, so a cache entry can tell an older copy from a newer one.
    /// </summary>
    public long Revision { get; set; }

    /// <summary>Its packs (inner, case, pallet) with their own GTINs; none for most products.</summary>
    public List<ProductPack> Packs { get; set; } = [];
}
