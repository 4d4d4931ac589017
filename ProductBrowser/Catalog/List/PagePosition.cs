namespace ProductBrowser.Catalog.List;

public enum PageKind
{
    First,

    /// <summary>The page after the row the cursor names.</summary>
    After,

    /// <summary>The page before the row the cursor names.</summary>
    Before,
    Last,
}

/// <summary>
/// Which page to show. Keyset paging: a page is found from the row at its edge (the cursor), never by counting rows
/// from the start, so page 40 000 costs what page 1 costs. <see cref="PageNumber"/> is for display only; 0 means
/// unknown (a page reached backwards from the last one while the total is only a bound).
/// </summary>
public sealed record PagePosition(PageKind Kind, string? Cursor = null, int PageNumber = 1)
{
    public static readonly PagePosition First = new(PageKind.First);
}
