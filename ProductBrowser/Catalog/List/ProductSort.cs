namespace ProductBrowser.Catalog.List;

/// <summary>The orders the list can be shown in. Each has an index, so keyset paging stays fast on any page.</summary>
public enum ProductSort
{
    /// <summary>
    /// Search results: the product whose SKU or barcode is exactly the search first, then every match by name. (Ranking
    /// name matches above description matches would mean sorting every match; this order walks the name index.)
    /// </summary>
    Relevance,
    Name,
    Sku,
    Weight,

    /// <summary>By category (A to Z), then name.</summary>
    Category,
    Updated,
}
