namespace ProductBrowser.Catalog;

/// <summary>What the list shows. Built from untrusted input (URL, search box): <see cref="Normalize"/> makes it safe.</summary>
public sealed record ProductListQuery(string? Search, int Page, int PageSize)
{
    public const int MaxSearchLength = 200;
    public const int DefaultPageSize = 25;
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];

    /// <summary>Trims the search, drops control characters, clamps page and page size into range.</summary>
    public ProductListQuery Normalize()
    {
        var search = new string((Search ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (search.Length > MaxSearchLength)
        {
            search = search[..MaxSearchLength];
        }

        return new ProductListQuery(
            search.Length == 0 ? null : search,
            Math.Max(1, Page),
            PageSizes.Contains(PageSize) ? PageSize : DefaultPageSize);
    }
}
