namespace ProductBrowser.Catalog.List;

/// <summary>One page of the product list, where it sits, and how long the query took.</summary>
public sealed record ProductListResult(
    IReadOnlyList<ProductSummary> Items,
    ProductListQuery Query,
    bool HasPrevious,
    bool HasNext,
    string? FirstCursor,
    string? LastCursor,
    double QueryMilliseconds,
    IReadOnlyList<string> Notices)
{
    /// <summary>The page number for display; null when unknown (reached backwards from the last page of a large result).</summary>
    public int? PageNumber { get; init; }
}
