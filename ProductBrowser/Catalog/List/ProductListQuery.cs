using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog.List;

/// <summary>
/// What the list shows. Built from untrusted input (URL, search box, filters): <see cref="Normalize"/> makes it safe and
/// says what it had to change.
/// </summary>
public sealed record ProductListQuery(
    string? Search = null,
    int? CategoryId = null,
    decimal? MinWeightKg = null,
    decimal? MaxWeightKg = null,
    UnitOfMeasure? Unit = null,
    ProductSort? Sort = null,
    bool Descending = false,
    int PageSize = ProductListQuery.DefaultPageSize,
    PagePosition? Position = null)
{
    public const int MaxSearchLength = 200;
    public const int MaxSearchTerms = 6;
    public const int DefaultPageSize = 25;
    public const decimal MaxWeightFilterKg = 100_000m;
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];

    /// <summary>The sort in force: relevance only means something while searching.</summary>
    public ProductSort EffectiveSort => Sort switch
    {
        null or ProductSort.Relevance => Search is null ? ProductSort.Name : ProductSort.Relevance,
        var sort => sort.Value,
    };

    public PagePosition EffectivePosition => Position ?? PagePosition.First;

    public bool HasFilters => Search is not null || CategoryId is not null || MinWeightKg is not null || MaxWeightKg is not null || Unit is not null;

    /// <summary>A category is the only filter (counted by the category directory, not by a query).</summary>
    public bool HasOnlyCategory => CategoryId is not null && !(this with { CategoryId = null }).HasFilters;

    /// <summary>The query without its page: results of two queries with the same filter are the same set.</summary>
    public ProductListQuery Filter => this with { Sort = null, Descending = false, PageSize = DefaultPageSize, Position = null };

    /// <summary>Trims and bounds the search, drops control characters, clamps numbers; <paramref name="notices"/> says what changed.</summary>
    public ProductListQuery Normalize(out IReadOnlyList<string> notices)
    {
        var problems = new List<string>();
        var search = new string((Search ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (search.Length > MaxSearchLength)
        {
            // Never cut an emoji (a surrogate pair) in half.
            var cut = char.IsHighSurrogate(search[MaxSearchLength - 1]) ? MaxSearchLength - 1 : MaxSearchLength;
            search = search[..cut].TrimEnd();
            problems.Add($"The search was shortened to its first {MaxSearchLength} characters.");
        }

        var min = MinWeightKg;
        var max = MaxWeightKg;
        if (min < 0 || max < 0)
        {
            problems.Add("Weights cannot be negative; that limit was ignored.");
            min = min < 0 ? null : min;
            max = max < 0 ? null : max;
        }

        if (min > MaxWeightFilterKg || max > MaxWeightFilterKg)
        {
            problems.Add($"Weight limits above {MaxWeightFilterKg:N0} kg were ignored.");
            min = min > MaxWeightFilterKg ? null : min;
            max = max > MaxWeightFilterKg ? null : max;
        }

        if (min is not null && max is not null && min > max)
        {
            (min, max) = (max, min);
            problems.Add("The minimum weight was above the maximum; they were swapped.");
        }

        var position = Position ?? PagePosition.First;
        notices = problems;
        return this with
        {
            Search = search.Length == 0 ? null : search,
            CategoryId = CategoryId is > 0 ? CategoryId : null,
            MinWeightKg = min,
            MaxWeightKg = max,
            Unit = Unit is { } unit && Enum.IsDefined(unit) ? unit : null,
            PageSize = PageSizes.Contains(PageSize) ? PageSize : DefaultPageSize,
            Position = position.Kind == PageKind.First ? PagePosition.First : position with { PageNumber = Math.Max(0, position.PageNumber) },
        };
    }

    /// <summary>Whitespace-separated terms, each matched anywhere in SKU, barcode, name or description.</summary>
    public IReadOnlyList<string> SearchTerms =>
        Search is null ? [] : Search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxSearchTerms).ToList();
}
