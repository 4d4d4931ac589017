using ProductBrowser.Data;
using ProductBrowser.Domain;

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
    /// <summary>Smallest pack first; empty when the product has none (and in entries cached before packs existed).</summary>
    public IReadOnlyList<ProductPackDetails> Packs { get; init; } = Packs ?? [];

    /// <summary>
    /// Value equality including the packs (a record compares a list by reference: two reads of the same row would
    /// differ). Every member takes part; <c>ProductDetailsTests</c> fails when a new one is left out.
    /// </summary>
    public bool Equals(ProductDetails? other) =>
        other is not null
        && (Id, Sku, Gtin, Name, Description, CategoryId, Category, Brand, WeightKg, LengthCm, WidthCm, HeightCm,
                UnitOfMeasure, UnitsPerPack, BinLocation, CreatedAt, UpdatedAt, Version, Revision)
            .Equals((other.Id, other.Sku, other.Gtin, other.Name, other.Description, other.CategoryId, other.Category,
                other.Brand, other.WeightKg, other.LengthCm, other.WidthCm, other.HeightCm, other.UnitOfMeasure,
                other.UnitsPerPack, other.BinLocation, other.CreatedAt, other.UpdatedAt, other.Version, other.Revision))
        && Packs.SequenceEqual(other.Packs);

    public override int GetHashCode() => HashCode.Combine(Id, Version, Revision);
}
