using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.List;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

public sealed class RelatedProductsServiceTests(TestServers servers) : CatalogServicesTest(servers)
{
    [Fact]
    public async Task RelatedProductsShareTheCategoryAndLeaveTheProductOut()
    {
        var product = (await Get<IProductQueryService>().GetProductAsync(DemoCatalogGenerator.IdFor(9), Cancellation)).Product!;

        var related = await Get<IRelatedProductsService>().GetRelatedAsync(product, 6, Cancellation);

        Assert.Equal(6, related.Count);
        Assert.All(related, r => Assert.Equal(product.CategoryId, r.CategoryId));
        Assert.DoesNotContain(related, r => r.Id == product.Id);
    }

    [Fact]
    public async Task SecondProductViewReadsRelatedProductsFromRedisWithoutPostgres()
    {
        var product = (await Get<IProductQueryService>().GetProductAsync(DemoCatalogGenerator.IdFor(10), Cancellation)).Product!;
        var first = await Get<IRelatedProductsService>().GetRelatedAsync(product, 6, Cancellation);
        var queries = Services.Sql.Count;

        var productAgain = await Get<IProductQueryService>().GetProductAsync(product.Id, Cancellation);
        var second = await Get<IRelatedProductsService>().GetRelatedAsync(productAgain.Product!, 6, Cancellation);

        Assert.Equal(first, second);
        Assert.Equal(queries, Services.Sql.Count);
    }
}
