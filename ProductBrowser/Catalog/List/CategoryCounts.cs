namespace ProductBrowser.Catalog.List;

/// <summary>What a set of category counts counts.</summary>
public enum CategoryCountScope
{
    /// <summary>No search, weight or unit: every product of each category (the directory's counts, at most minutes old).</summary>
    Catalog,

    /// <summary>The products that match the search, weights and unit, counted exactly in each category.</summary>
    Matches,

    /// <summary>More than <see cref="ProductListService.CountCap"/> products match: too many to count by category.</summary>
    TooManyMatches,
}

/// <summary>
/// How many products of each category match a query's search, weights and unit (whatever category it has chosen), so
/// the category filter shows numbers that agree with the list, and the list's total can be read from them.
/// </summary>
public sealed record CategoryCounts(CategoryCountScope Scope, IReadOnlyDictionary<int, long> ByCategory)
{
    public static readonly CategoryCounts TooMany = new(CategoryCountScope.TooManyMatches, new Dictionary<int, long>());

    /// <summary>The count to show beside a category; null when the matches were too many to count by category.</summary>
    public long? For(int categoryId) => Scope == CategoryCountScope.TooManyMatches ? null : ByCategory.GetValueOrDefault(categoryId);

    /// <summary>
    /// The total of the same query in <paramref name="categoryId"/> (null: every category) when these counts give it;
    /// null when it has to be counted on its own (the whole catalog, or one category of too many matches).
    /// </summary>
    public ResultCount? TotalFor(int? categoryId) => (Scope, categoryId) switch
    {
        (CategoryCountScope.Matches, null) => new ResultCount(ByCategory.Values.Sum(), CountKind.Exact),
        (CategoryCountScope.TooManyMatches, null) => new ResultCount(ProductListService.CountCap, CountKind.AtLeast),
        (not CategoryCountScope.TooManyMatches, { } id) => new ResultCount(ByCategory.GetValueOrDefault(id), CountKind.Exact),
        _ => null,
    };
}
