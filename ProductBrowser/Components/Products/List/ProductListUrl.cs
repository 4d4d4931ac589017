using System.Globalization;
using ProductBrowser.Catalog.List;
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// The list's state in its URL, both ways: every parameter is optional and forgiving (an unknown sort or a bad number
/// falls back to the default), so any link, even a hand-edited one, shows a sensible page.
/// </summary>
public static class ProductListUrl
{
    public const string Path = "/products";

    public sealed record Parameters(
        string? Search, string? Category, string? MinWeight, string? MaxWeight, string? Unit, string? Sort, string? Direction,
        string? PageSize, string? Page, string? After, string? Before, string? Last);

    public static ProductListQuery Parse(Parameters p)
    {
        var position = p switch
        {
            { After: { Length: > 0 } after } => new PagePosition(PageKind.After, after, PositiveInt(p.Page) ?? 0),
            { Before: { Length: > 0 } before } => new PagePosition(PageKind.Before, before, PositiveInt(p.Page) ?? 0),
            { Last: "1" or "true" } => new PagePosition(PageKind.Last, null, PositiveInt(p.Page) ?? 0),
            _ => PagePosition.First,
        };

        return new ProductListQuery(
            Search: p.Search,
            CategoryId: PositiveInt(p.Category),
            MinWeightKg: Weight(p.MinWeight),
            MaxWeightKg: Weight(p.MaxWeight),
            Unit: Enum.TryParse<UnitOfMeasure>(p.Unit, ignoreCase: true, out var unit) && Enum.IsDefined(unit) && !int.TryParse(p.Unit, out _) ? unit : null,
            Sort: Enum.TryParse<ProductSort>(p.Sort, ignoreCase: true, out var sort) && Enum.IsDefined(sort) && !int.TryParse(p.Sort, out _) ? sort : null,
            Descending: string.Equals(p.Direction, "desc", StringComparison.OrdinalIgnoreCase),
            PageSize: PositiveInt(p.PageSize) ?? ProductListQuery.DefaultPageSize,
            Position: position);
    }

    /// <summary>The query string for a query; defaults are left out so links stay short.</summary>
    public static Dictionary<string, object?> ToParameters(ProductListQuery query)
    {
        var position = query.EffectivePosition;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["q"] = query.Search,
            ["category"] = query.CategoryId,
            ["wmin"] = query.MinWeightKg?.ToString(CultureInfo.InvariantCulture),
            ["wmax"] = query.MaxWeightKg?.ToString(CultureInfo.InvariantCulture),
            ["unit"] = query.Unit?.ToString().ToLowerInvariant(),
            ["sort"] = query.Sort is { } sort && sort != DefaultSort(query) ? sort.ToString().ToLowerInvariant() : null,
            ["dir"] = query.Descending ? "desc" : null,
            ["size"] = query.PageSize != ProductListQuery.DefaultPageSize ? query.PageSize : null,
            ["page"] = position.Kind != PageKind.First && position.PageNumber > 0 ? position.PageNumber : null,
            ["after"] = position.Kind == PageKind.After ? position.Cursor : null,
            ["before"] = position.Kind == PageKind.Before ? position.Cursor : null,
            ["last"] = position.Kind == PageKind.Last ? "1" : null,
        };
    }

    private static ProductSort DefaultSort(ProductListQuery query) => query.Search is null ? ProductSort.Name : ProductSort.Relevance;

    private static int? PositiveInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static decimal? Weight(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var kg) ? kg : null;
}
