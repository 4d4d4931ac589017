using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Pages.Products;
using ProductBrowser.Components.Products;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Components;

public sealed class ProductListPageTests : BunitContext
{
    private readonly FakeProductList _list = new();

    public ProductListPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IProductListService>(_list);
        Services.AddSingleton<ICategoryDirectory>(new FakeCategories());
        Services.AddScoped<ListReturnState>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<ProductListPage> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<ProductListPage>();
    }

    [Fact]
    public void UrlParametersBecomeTheQuery()
    {
        var page = RenderAt("/products?q=hammer&category=7&wmin=0.5&unit=case&sort=weight&dir=desc&size=50&page=3&after=abc");

        page.WaitForAssertion(() => Assert.Equal(
            new ProductListQuery("hammer", 7, 0.5m, null, UnitOfMeasure.Case, ProductSort.Weight, true, 50, new PagePosition(PageKind.After, "abc", 3)),
            _list.Queries[^1]));
    }

    [Fact]
    public void ChangingTheSortPutsItInTheUrlAndStartsFromTheFirstPage()
    {
        var page = RenderAt("/products?q=hammer&page=3&after=abc");
        page.WaitForAssertion(() => Assert.NotEmpty(_list.Queries));

        page.FindAll("button").First(b => b.GetAttribute("aria-label") == "Sort by Weight").Click();

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("sort=weight", uri, StringComparison.Ordinal);
        Assert.Contains("q=hammer", uri, StringComparison.Ordinal);
        Assert.DoesNotContain("after=", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsLinkToTheirProduct()
    {
        var page = RenderAt("/products");

        page.WaitForAssertion(() => Assert.Equal("/products/" + FakeProductList.Item.Id, page.Find("a.sku-link").GetAttribute("href")));
        Assert.Contains("1 product shown of 1 products", page.Find("[data-testid=list-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NoMatchesOfferToClearTheFilters()
    {
        _list.Empty = true;
        var page = RenderAt("/products?q=nothing-matches&category=7");

        page.WaitForAssertion(() => Assert.Contains("No products match these filters.", page.Find("[data-testid=list-empty]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=list-empty] button").Click();

        Assert.EndsWith("/products", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void DatabaseFailureKeepsTheLastResultsAndSaysSo()
    {
        var page = RenderAt("/products");
        page.WaitForAssertion(() => page.Find("a.sku-link"));
        _list.Fail = true;

        Services.GetRequiredService<NavigationManager>().NavigateTo("/products?q=hammer");
        page.Render();

        page.WaitForAssertion(() => Assert.Contains("could not be loaded", page.Find("[data-testid=list-error]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll("a.sku-link"));
    }

    [Fact]
    public void BadParametersShowANoticeNotAnError()
    {
        _list.PassNotices = true;
        var page = RenderAt("/products?wmin=-4");

        page.WaitForAssertion(() => Assert.Contains("negative", page.Find("[data-testid=list-notice]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void AWeightThatIsNotANumberSaysSoAndKeepsTheList()
    {
        var page = RenderAt("/products?q=hammer");
        page.WaitForAssertion(() => page.Find("a.sku-link"));
        var before = Services.GetRequiredService<NavigationManager>().Uri;

        page.Find("#filter-wmin").Change("two kilos");

        page.WaitForAssertion(() => Assert.Contains("Enter a weight in kg", page.Find("#filter-wmin-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", page.Find("#filter-wmin").GetAttribute("aria-invalid"));
        Assert.Equal(before, Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void AWeightWithADecimalCommaBecomesTheFilter()
    {
        var page = RenderAt("/products?q=hammer&page=3&after=abc");
        page.WaitForAssertion(() => page.Find("a.sku-link"));

        page.Find("#filter-wmax").Change("2,5");

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("wmax=2.5", uri, StringComparison.Ordinal);
        Assert.Contains("q=hammer", uri, StringComparison.Ordinal);
        Assert.DoesNotContain("after=", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void AWeightBeingTypedSurvivesTheUrlCatchingUpWithTheOtherOne()
    {
        var page = RenderAt("/products");
        page.WaitForAssertion(() => page.Find("a.sku-link"));
        var navigation = Services.GetRequiredService<NavigationManager>();

        // The first weight applies on Tab; the second is pasted before the URL with the first comes back.
        page.Find("#filter-wmin").Change("2");
        page.Find("#filter-wmax").Input("5");
        page.Render();

        Assert.Equal("5", page.Find("#filter-wmax").GetAttribute("value"));
        Assert.Equal("2", page.Find("#filter-wmin").GetAttribute("value"));
        page.WaitForAssertion(() => Assert.EndsWith("/products?wmin=2&wmax=5", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void CategoryOptionsShowTheCountsOfTheSearch()
    {
        var page = RenderAt("/products?q=hammer");

        page.WaitForAssertion(() => Assert.Equal(["All categories (1)", "Hand Tools (1)"],
            page.FindAll("#filter-category option").Select(o => o.TextContent)));
    }

    [Fact]
    public void CategoryUnitAndPageSizeAreNativeSelectsThatNavigate()
    {
        var page = RenderAt("/products?category=7");
        page.WaitForAssertion(() => page.Find("a.sku-link"));
        var navigation = Services.GetRequiredService<NavigationManager>();

        Assert.Equal("7", page.Find("#filter-category option[selected]").GetAttribute("value"));
        page.Find("#filter-unit").Change("Case");
        Assert.Contains("unit=case", navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("category=7", navigation.Uri, StringComparison.Ordinal);

        page.Render();
        page.Find("#filter-category").Change("");
        Assert.DoesNotContain("category=", navigation.Uri, StringComparison.Ordinal);

        page.Render();
        page.Find("#page-size").Change("50");
        Assert.Contains("size=50", navigation.Uri, StringComparison.Ordinal);
    }

    private sealed class FakeProductList : IProductListService
    {
        public static readonly ProductSummary Item = new(Guid.NewGuid(), "HTL-0000001", "Atlas Claw Hammer", 7, "Hand Tools", 0.6m,
            UnitOfMeasure.Each, DateTimeOffset.UnixEpoch);

        public List<ProductListQuery> Queries { get; } = [];

        public bool Empty { get; set; }

        public bool Fail { get; set; }

        public bool PassNotices { get; set; }

        public Task<ProductListResult> GetPageAsync(ProductListQuery query, CancellationToken cancellationToken = default)
        {
            Queries.Add(query);
            if (Fail)
            {
                throw new Npgsql.NpgsqlException("The server is down.");
            }

            var normalized = query.Normalize(out var notices);
            return Task.FromResult(new ProductListResult(Empty ? [] : [Item], normalized, false, false, "first", "last", 1.5,
                PassNotices ? notices : []) { PageNumber = 1 });
        }

        public Task<ResultCount> CountAsync(ProductListQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ResultCount(Empty ? 0 : 1, CountKind.Exact));

        public Task<CategoryCounts> CountByCategoryAsync(ProductListQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult(new CategoryCounts(CategoryCountScope.Matches, new Dictionary<int, long> { [7] = Empty ? 0 : 1 }));
    }

    private sealed class FakeCategories : ICategoryDirectory
    {
        public Task<IReadOnlyList<CategoryOption>> GetCategoriesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CategoryOption>>([new CategoryOption(7, "Hand Tools", 1)]);
    }
}
