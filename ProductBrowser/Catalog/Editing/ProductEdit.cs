using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog.Editing;

/// <summary>
/// A product as an editor submits it, with the <see cref="Version"/> it was read at: saving over a newer version is a
/// conflict, never a silent overwrite.
/// </summary>
public sealed record ProductEdit(
    Guid Id,
    uint Version,
    string? Sku,
    string? Gtin,
    string? Name,
    string? Description,
    int CategoryId,
    string? Brand,
    decimal WeightKg,
    decimal LengthCm,
    decimal WidthCm,
    decimal HeightCm,
    UnitOfMeasure UnitOfMeasure,
    int UnitsPerPack,
    string? BinLocation)
{
    public static ProductEdit From(ProductDetails p) => new(
        p.Id, p.Version, p.Sku, p.Gtin, p.Name, p.Description, p.CategoryId, p.Brand, p.WeightKg, p.LengthCm, p.WidthCm,
        p.HeightCm, p.UnitOfMeasure, p.UnitsPerPack, p.BinLocation);
}
