using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Data;

namespace ProductBrowser.Benchmarks.Requests;

/// <summary>The ceiling: the products are already in this process, so a read costs a dictionary lookup.</summary>
internal sealed class InMemoryProductReads(IReadOnlyDictionary<Guid, ProductReadResult> reads) : IProductQueryService
{
    public static InMemoryProductReads Load(IServiceProvider services, IReadOnlyList<Guid> ids)
    {
        using var db = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContext();
        var products = db.Products.Where(p => ids.Contains(p.Id)).Select(ProductProjections.Details).ToList();
        return new InMemoryProductReads(products.ToDictionary(p => p.Id, p => new ProductReadResult(
            p.Id, ProductReadStatus.Found, p, new CacheReadReport(CacheOutcome.Hit, "(in memory)", 0, null, 0, null))));
    }

    public Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(reads[id]);
}
