using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog.List;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Domain;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>Search, filters, sorting and keyset paging against the real PostgreSQL (3 000-product demo catalog).</summary>
public sealed class ProductListServiceTests(TestServers servers) : IAsyncLifetime
{
    private static readonly DemoCatalogGenerator Generator = new(new DemoCatalogOptions().Seed);
    private CatalogServices _services = null!;

    public ValueTask InitializeAsync()
    {
        _services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private IProductListService List => _services.Services.CreateScope().ServiceProvider.GetRequiredService<IProductListService>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUnknownCategorySaysSoAndAKnownOneWithNoMatchesDoesNot()
    {
        var unknown = await List.GetPageAsync(new ProductListQuery(CategoryId: 999_999), Cancellation);
        var known = await List.GetPageAsync(new ProductListQuery(Search: "zzzz-no-such-thing", CategoryId: 7), Cancellation);

        Assert.Empty(unknown.Items);
        Assert.Contains("There is no category 999999; choose another or clear the category filter.", unknown.Notices);
        Assert.Empty(known.Items);
        Assert.Empty(known.Notices);
    }

    [Fact]
    public async Task ExactSkuComesFirstWhateverItsCase()
    {
        var product = Generator.Create(17);

        var page = await List.GetPageAsync(new ProductListQuery(product.Sku.ToLowerInvariant()), Cancellation);

        Assert.Equal(product.Id, page.Items[0].Id);
    }

    [Fact]
    public async Task NameFragmentFindsMatchingProductsWithNameMatchesFirst()
    {
        var page = await List.GetPageAsync(new ProductListQuery("hammer", PageSize: 100), Cancellation);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, item => Assert.Contains("hammer", item.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WordsOnlyInTheDescriptionAreFoundToo()
    {
        var page = await List.GetPageAsync(new ProductListQuery("warranty", PageSize: 100), Cancellation);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, item => Assert.DoesNotContain("warranty", item.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task BarcodeFindsTheProduct()
    {
        var product = Generator.Create(23);

        var page = await List.GetPageAsync(new ProductListQuery(product.Gtin), Cancellation);

        Assert.Contains(page.Items, item => item.Id == product.Id);
    }

    [Fact]
    public async Task SeveralWordsMustAllMatchInAnyOrder()
    {
        var page = await List.GetPageAsync(new ProductListQuery("yellow hammer", PageSize: 100), Cancellation);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, item =>
        {
            Assert.Contains("hammer", item.Name, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("yellow", item.Name, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task FiltersCombine()
    {
        var query = new ProductListQuery(CategoryId: 7, MinWeightKg: 0.5m, MaxWeightKg: 5m, Unit: UnitOfMeasure.Each, PageSize: 100);

        var items = await WalkForwardAsync(query);
        var count = await List.CountAsync(query, Cancellation);

        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.Equal(7, item.CategoryId);
            Assert.InRange(item.WeightKg, 0.5m, 5m);
            Assert.Equal(UnitOfMeasure.Each, item.UnitOfMeasure);
        });
        Assert.Equal(new ResultCount(items.Count, CountKind.Exact), count);
    }

    [Theory]
    [InlineData(ProductSort.Name, false)]
    [InlineData(ProductSort.Name, true)]
    [InlineData(ProductSort.Sku, false)]
    [InlineData(ProductSort.Weight, false)]
    [InlineData(ProductSort.Weight, true)]
    [InlineData(ProductSort.Category, false)]
    [InlineData(ProductSort.Updated, true)]
    [InlineData(ProductSort.Relevance, false)]
    public async Task PagingVisitsEveryMatchOnceAndBackwardsMirrorsForwards(ProductSort sort, bool descending)
    {
        var query = new ProductListQuery(Search: sort == ProductSort.Relevance ? "hand" : null, CategoryId: sort == ProductSort.Relevance ? null : 7,
            Sort: sort, Descending: descending, PageSize: 25);

        var forwards = await WalkForwardAsync(query);
        var backwards = await WalkBackwardAsync(query);
        var count = await List.CountAsync(query, Cancellation);

        Assert.Equal(count.Value, forwards.Count);
        Assert.Equal(forwards.Count, forwards.Select(i => i.Id).Distinct().Count());
        Assert.Equal(forwards.Select(i => i.Id), backwards.Select(i => i.Id));
        if (sort == ProductSort.Weight)
        {
            var weights = forwards.Select(i => i.WeightKg).ToList();
            Assert.Equal(descending ? weights.OrderDescending() : weights.Order(), weights);
        }
    }

    [Fact]
    public async Task LastPageHoldsTheRemainderAndHasNoNext()
    {
        var query = new ProductListQuery(CategoryId: 7, PageSize: 25);
        var total = (await List.CountAsync(query, Cancellation)).Value;

        var last = await List.GetPageAsync(query with { Position = new PagePosition(PageKind.Last) }, Cancellation);

        Assert.Equal(total % 25 == 0 ? 25 : total % 25, last.Items.Count);
        Assert.False(last.HasNext);
        Assert.True(last.HasPrevious);
    }

    [Fact]
    public async Task CursorOfAnotherSortShowsTheFirstPage()
    {
        var byName = await List.GetPageAsync(new ProductListQuery(PageSize: 10), Cancellation);

        var page = await List.GetPageAsync(new ProductListQuery(Sort: ProductSort.Weight, PageSize: 10,
            Position: new PagePosition(PageKind.After, byName.LastCursor, 2)), Cancellation);

        Assert.False(page.HasPrevious);
        Assert.Equal(1, page.PageNumber);
    }

    [Theory]
    [InlineData("'; DROP TABLE products; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData(@"\")]
    [InlineData("\"quoted\" 'single'")]
    [InlineData("Ünïcödé ✓ 📦")]
    [InlineData("\u0000\u0007control")]
    [InlineData("a")]
    public async Task HostileSearchTextReturnsResultsOrNothingWithoutError(string search)
    {
        var page = await List.GetPageAsync(new ProductListQuery(search), Cancellation);
        var count = await List.CountAsync(new ProductListQuery(search), Cancellation);

        Assert.Equal(count.Value == 0, page.Items.Count == 0);
        if (search is "_" or @"\")
        {
            Assert.Empty(page.Items);
        }
    }

    [Fact]
    public async Task VeryLongSearchIsShortenedWithANotice()
    {
        var page = await List.GetPageAsync(new ProductListQuery(new string('a', 10_000)), Cancellation);

        Assert.Empty(page.Items);
        Assert.Single(page.Notices);
    }

    [Fact]
    public async Task WholeCatalogCountIsCheap()
    {
        var count = await List.CountAsync(new ProductListQuery(), Cancellation);

        Assert.True(count.Value >= TestServers.DemoProductCount);
    }

    [Fact]
    public async Task CategoryCountsOfASearchAreEachCategorysTotalOfThatSearch()
    {
        var query = new ProductListQuery("hammer", MaxWeightKg: 5m);

        var counts = await List.CountByCategoryAsync(query, Cancellation);

        Assert.Equal(CategoryCountScope.Matches, counts.Scope);
        Assert.NotEmpty(counts.ByCategory);
        foreach (var (category, count) in counts.ByCategory)
        {
            Assert.Equal(new ResultCount(count, CountKind.Exact), await List.CountAsync(query with { CategoryId = category }, Cancellation));
        }

        Assert.Equal(await List.CountAsync(query, Cancellation), counts.TotalFor(null));
        Assert.Equal(counts.TotalFor(counts.ByCategory.Keys.First()), await List.CountAsync(query with { CategoryId = counts.ByCategory.Keys.First() }, Cancellation));
    }

    [Fact]
    public async Task CategoryCountsOfABroadSearchSayTheyAreTooManyToCount()
    {
        var counts = await List.CountByCategoryAsync(new ProductListQuery("a"), Cancellation);

        Assert.Equal(CategoryCountScope.TooManyMatches, counts.Scope);
        Assert.Null(counts.For(7));
        Assert.Null(counts.TotalFor(7));
        Assert.Equal(new ResultCount(ProductListService.CountCap, CountKind.AtLeast), counts.TotalFor(null));
    }

    [Fact]
    public async Task ACategoryAloneIsCountedAsTheFilterShowsItAndItsLastPageHoldsTheRemainder()
    {
        var counts = await List.CountByCategoryAsync(new ProductListQuery(CategoryId: 7), Cancellation);
        var inCategory = counts.ByCategory[7];

        var count = await List.CountAsync(new ProductListQuery(CategoryId: 7), Cancellation);
        var last = await List.GetPageAsync(new ProductListQuery(CategoryId: 7, PageSize: 25, Position: new PagePosition(PageKind.Last)), Cancellation);

        Assert.Equal(CategoryCountScope.Catalog, counts.Scope);
        Assert.True(counts.ByCategory.Values.Sum() >= TestServers.DemoProductCount);
        Assert.Equal(new ResultCount(inCategory, CountKind.Exact), count);
        Assert.Equal(inCategory % 25 == 0 ? 25 : (int)(inCategory % 25), last.Items.Count);
    }

    private async Task<List<ProductSummary>> WalkForwardAsync(ProductListQuery query)
    {
        var items = new List<ProductSummary>();
        var page = await List.GetPageAsync(query, Cancellation);
        items.AddRange(page.Items);
        while (page.HasNext)
        {
            page = await List.GetPageAsync(query with { Position = new PagePosition(PageKind.After, page.LastCursor, page.PageNumber!.Value + 1) }, Cancellation);
            items.AddRange(page.Items);
        }

        return items;
    }

    private async Task<List<ProductSummary>> WalkBackwardAsync(ProductListQuery query)
    {
        var pages = new List<IReadOnlyList<ProductSummary>>();
        var page = await List.GetPageAsync(query with { Position = new PagePosition(PageKind.Last) }, Cancellation);
        pages.Add(page.Items);
        while (page.HasPrevious)
        {
            page = await List.GetPageAsync(query with { Position = new PagePosition(PageKind.Before, page.FirstCursor) }, Cancellation);
            pages.Add(page.Items);
        }

        pages.Reverse();
        return [.. pages.SelectMany(p => p)];
    }
}
