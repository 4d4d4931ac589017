using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

/// <summary>Everything shown about one product. This record, never the EF entity, is what gets cached.</summary>
public sealed record ProductDetails(
    Guid Id,
    string Sku,
    string? Gtin,
    string Name,
    string Description,
    int CategoryId,
    string Category,
    string Brand,
    decimal WeightKg,
    decimal LengthCm,
    decimal WidthCm,
    decimal HeightCm,
    UnitOfMeasure UnitOfMeasure,
    int UnitsPerPack,
    string BinLocation,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);
