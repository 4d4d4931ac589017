using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Products;

/// <summary>The edit form's mutable state (form inputs bind to properties); turned into a <see cref="ProductEdit"/> to save.</summary>
public sealed class ProductEditModel
{
    public Guid Id { get; set; }
    public uint Version { get; set; }
    public string Sku { get; set; } = "";
    public string? Gtin { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int CategoryId { get; set; }
    public string Brand { get; set; } = "";
    public decimal WeightKg { get; set; }
    public decimal LengthCm { get; set; }
    public decimal WidthCm { get; set; }
    public decimal HeightCm { get; set; }
    public UnitOfMeasure UnitOfMeasure { get; set; }
    public int UnitsPerPack { get; set; } = 1;
    public string BinLocation { get; set; } = "";

    public static ProductEditModel From(ProductDetails p) => new()
    {
        Id = p.Id, Version = p.Version, Sku = p.Sku, Gtin = p.Gtin, Name = p.Name, Description = p.Description,
        CategoryId = p.CategoryId, Brand = p.Brand, WeightKg = p.WeightKg, LengthCm = p.LengthCm, WidthCm = p.WidthCm,
        HeightCm = p.HeightCm, UnitOfMeasure = p.UnitOfMeasure, UnitsPerPack = p.UnitsPerPack, BinLocation = p.BinLocation,
    };

    public ProductEdit ToEdit() => new(
        Id, Version, Sku, Gtin, Name, Description, CategoryId, Brand, WeightKg, LengthCm, WidthCm, HeightCm, UnitOfMeasure,
        UnitsPerPack, BinLocation);
}
