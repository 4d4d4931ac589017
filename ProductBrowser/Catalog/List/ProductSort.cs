namespace ProductBrowser.Catalog.List;

/// <summary>The orders the list can be shown in. Each has an index, so keyset paging stays fast on any page.</summary>
public enum ProductSort
{
    /// <summary>Search results: exact SKU first, then name matches, then the rest; by name within each.</summary>
    Relevance,
    Name,
    Sku,
    Weight,

    /// <summary>By category (A to Z), then name.</summary>
    Category,
    Updated,
}
