namespace ProductBrowser.Catalog;

/// <summary>One page of the product list, the total it is part of and how long the query took.</summary>
public sealed record ProductListResult(
    IReadOnlyList<ProductSummary> Items, int TotalCount, ProductListQuery Query, double QueryMilliseconds);
