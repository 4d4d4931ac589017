using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

public sealed class ProductListServiceTests(TestServers servers) : IAsyncLifetime
{
    private CatalogServices _services = null!;

    public ValueTask InitializeAsync()
    {
        _services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private IProductListService List => _services.Services.CreateScope().ServiceProvider.GetRequiredService<IProductListService>();

    [Fact]
    public async Task SkuSearchIsCaseInsensitiveAndFindsTheProduct()
    {
        var product = new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(17);

        var page = await List.GetPageAsync(new ProductListQuery(product.Sku.ToLowerInvariant(), 1, 25), TestContext.Current.CancellationToken);

        Assert.Contains(page.Items, item => item.Id == product.Id);
    }

    [Fact]
    public async Task NameFragmentSearchFindsMatchingProductsOnly()
    {
        var page = await List.GetPageAsync(new ProductListQuery("hammer", 1, 100), TestContext.Current.CancellationToken);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, item => Assert.Contains("hammer", item.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PagesAreOrderedByNameAndDoNotOverlap()
    {
        var first = await List.GetPageAsync(new ProductListQuery(null, 1, 50), TestContext.Current.CancellationToken);
        var second = await List.GetPageAsync(new ProductListQuery(null, 2, 50), TestContext.Current.CancellationToken);

        Assert.Equal(50, first.Items.Count);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)));
        Assert.True(string.CompareOrdinal(first.Items[^1].Name, second.Items[0].Name) <= 0);
        Assert.True(first.TotalCount >= TestServers.DemoProductCount);
    }

    [Fact]
    public async Task PageBeyondTheEndShowsTheLastPage()
    {
        var page = await List.GetPageAsync(new ProductListQuery(null, 1_000_000, 100), TestContext.Current.CancellationToken);

        Assert.Equal((page.TotalCount + 99) / 100, page.Query.Page);
        Assert.NotEmpty(page.Items);
    }

    [Theory]
    [InlineData("'; DROP TABLE products; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData(@"\")]
    [InlineData("\"quoted\"")]
    [InlineData("Ünïcödé ✓ 📦")]
    [InlineData("\u0000\u0007control")]
    public async Task HostileSearchTextReturnsResultsOrNothingWithoutError(string search)
    {
        var page = await List.GetPageAsync(new ProductListQuery(search, 1, 25), TestContext.Current.CancellationToken);

        Assert.NotNull(page.Items);
        if (search is "%" or "_" or @"\")
        {
            Assert.Empty(page.Items);
        }
    }

    [Fact]
    public async Task VeryLongSearchTextIsAccepted()
    {
        var page = await List.GetPageAsync(new ProductListQuery(new string('a', 10_000), 1, 25), TestContext.Current.CancellationToken);

        Assert.Empty(page.Items);
    }
}
