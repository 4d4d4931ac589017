using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.List;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

public sealed class RelatedProductsServiceTests(TestServers servers) : IAsyncLifetime
{
    private CatalogServices _services = null!;

    public ValueTask InitializeAsync()
    {
        _services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private T Get<T>()
        where T : notnull => _services.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    [Fact]
    public async Task RelatedProductsShareTheCategoryAndLeaveTheProductOut()
    {
        var product = (await Get<IProductQueryService>().GetProductAsync(DemoCatalogGenerator.IdFor(9), TestContext.Current.CancellationToken)).Product!;

        var related = await Get<IRelatedProductsService>().GetRelatedAsync(product, 6, TestContext.Current.CancellationToken);

        Assert.Equal(6, related.Count);
        Assert.All(related, r => Assert.Equal(product.CategoryId, r.CategoryId));
        Assert.DoesNotContain(related, r => r.Id == product.Id);
    }

    [Fact]
    public async Task SecondProductViewReadsRelatedProductsFromRedisWithoutPostgres()
    {
        var product = (await Get<IProductQueryService>().GetProductAsync(DemoCatalogGenerator.IdFor(10), TestContext.Current.CancellationToken)).Product!;
        var first = await Get<IRelatedProductsService>().GetRelatedAsync(product, 6, TestContext.Current.CancellationToken);
        var queries = _services.Sql.Count;

        var productAgain = await Get<IProductQueryService>().GetProductAsync(product.Id, TestContext.Current.CancellationToken);
        var second = await Get<IRelatedProductsService>().GetRelatedAsync(productAgain.Product!, 6, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        Assert.Equal(queries, _services.Sql.Count);
    }
}
