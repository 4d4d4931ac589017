using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

/// <summary>
/// Everything shown about one product. This record, never the EF entity, is what gets cached. <see cref="Version"/> is
/// the row's <c>xmin</c> (edit conflicts); <see cref="Revision"/> is the newer of the product's and its category's
/// revisions, the version its cache entry carries (the category name is part of this record; a change to its packs
/// gives the product a new revision).
/// </summary>
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
    uint Version,
    long Revision = 0,
    IReadOnlyList<ProductPackDetails>? Packs = null)
{
    /// <summary>
    /// Smallest pack first; empty when the product has none (and in entries cached before packs existed). Compared by
    /// reference in the record's equality, like any list: compare two reads field by field, not with ==.
    /// </summary>
    public IReadOnlyList<ProductPackDetails> Packs { get; init; } = Packs ?? [];
}
