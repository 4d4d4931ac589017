using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Products.List;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Unit;

public sealed class ProductListUrlTests
{
    private static ProductListUrl.Parameters Url(
        string? q = null, string? category = null, string? wmin = null, string? wmax = null, string? unit = null,
        string? sort = null, string? dir = null, string? size = null, string? page = null, string? after = null,
        string? before = null, string? last = null) =>
        new(q, category, wmin, wmax, unit, sort, dir, size, page, after, before, last);

    [Fact]
    public void EveryParameterBecomesPartOfTheQuery()
    {
        var query = ProductListUrl.Parse(Url("hammer", "7", "0.5", "12.25", "case", "weight", "desc", "50", "3", "abc"));

        Assert.Equal(new ProductListQuery("hammer", 7, 0.5m, 12.25m, UnitOfMeasure.Case, ProductSort.Weight, true, 50,
            new PagePosition(PageKind.After, "abc", 3)), query);
    }

    [Fact]
    public void QueryTurnsBackIntoTheSameUrl()
    {
        var query = new ProductListQuery("hammer", 7, 0.5m, 12.25m, UnitOfMeasure.Case, ProductSort.Weight, true, 50,
            new PagePosition(PageKind.Before, "xyz", 4));

        var parameters = ProductListUrl.ToParameters(query);
        var back = ProductListUrl.Parse(Url(
            (string?)parameters["q"], parameters["category"]?.ToString(), (string?)parameters["wmin"], (string?)parameters["wmax"],
            (string?)parameters["unit"], (string?)parameters["sort"], (string?)parameters["dir"], parameters["size"]?.ToString(),
            parameters["page"]?.ToString(), (string?)parameters["after"], (string?)parameters["before"], (string?)parameters["last"]));

        Assert.Equal(query, back);
    }

    [Fact]
    public void DefaultsAreLeftOutOfTheUrl()
    {
        var parameters = ProductListUrl.ToParameters(new ProductListQuery());

        Assert.All(parameters.Values, Assert.Null);
    }

    [Theory]
    [InlineData("page", "-1")]
    [InlineData("size", "abc")]
    [InlineData("sort", "price; DROP TABLE products")]
    [InlineData("sort", "3")]
    [InlineData("unit", "99")]
    [InlineData("category", "x")]
    [InlineData("wmin", "1e999")]
    [InlineData("dir", "sideways")]
    public void NonsenseParametersFallBackToDefaults(string name, string value)
    {
        var parameters = name switch
        {
            "page" => Url(page: value, after: "t"),
            "size" => Url(size: value),
            "sort" => Url(sort: value),
            "unit" => Url(unit: value),
            "category" => Url(category: value),
            "wmin" => Url(wmin: value),
            _ => Url(dir: value),
        };

        var query = ProductListUrl.Parse(parameters).Normalize(out _);

        Assert.Equal(ProductListQuery.DefaultPageSize, query.PageSize);
        Assert.Null(query.Sort);
        Assert.Null(query.Unit);
        Assert.Null(query.CategoryId);
        Assert.Null(query.MinWeightKg);
        Assert.False(query.Descending);
    }
}
