namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// What Redis holds for a scanned code: the product it names, or (briefly) that it names none, with the suggestions
/// shown then, so a repeated misread is answered without PostgreSQL. A pack's GTIN also holds the pack it names.
/// </summary>
public sealed record CachedCode(Guid? ProductId, IReadOnlyList<SkuSuggestion>? Suggestions, DateTimeOffset ExpiresAt)
{
    public ProductPackDetails? Pack { get; init; }
}
