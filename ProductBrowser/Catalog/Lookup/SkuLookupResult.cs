namespace ProductBrowser.Catalog.Lookup;

public enum SkuLookupStatus
{
    Found,
    NotFound,

    /// <summary>The input is not a SKU or barcode; <see cref="SkuLookupResult.Message"/> says why.</summary>
    Invalid,

    /// <summary>Neither Redis nor PostgreSQL could answer.</summary>
    Unavailable,
}

/// <summary>A SKU that starts with what was scanned, offered when nothing matches exactly.</summary>
public sealed record SkuSuggestion(Guid Id, string Sku, string Name);

/// <summary>
/// The answer to "what is this item?": the product, or why not, and how each step was served: the code step (SKU or
/// barcode to product id, <see cref="CodeStep"/>) and the product step (<see cref="ProductStep"/>).
/// </summary>
public sealed record SkuLookupResult(
    string Code,
    SkuLookupStatus Status,
    ProductDetails? Product,
    CacheReadReport? CodeStep,
    CacheReadReport? ProductStep,
    IReadOnlyList<SkuSuggestion> Suggestions,
    string? Message = null)
{
    /// <summary>With a found product: the lot, expiry, serial and count of the GS1 case or pallet label scanned; else null.</summary>
    public Gs1Label? Label { get; init; }

    /// <summary>With a product found by a pack's GTIN: that pack (a case of 12, say); null for the item's own codes.</summary>
    public ProductPackDetails? Pack { get; init; }

    public static SkuLookupResult Invalid(string message) =>
        new("", SkuLookupStatus.Invalid, null, null, null, [], message);

    public static SkuLookupResult Failed(string message) =>
        new("", SkuLookupStatus.Unavailable, null, null, null, [], message);
}
