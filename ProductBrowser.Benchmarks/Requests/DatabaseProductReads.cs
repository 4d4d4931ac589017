using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ProductBrowser.Catalog;
using ProductBrowser.Data;

namespace ProductBrowser.Benchmarks.Requests;

/// <summary>The cache bypassed: every read is the service's PostgreSQL query (pooled context, no tracking).</summary>
internal sealed class DatabaseProductReads(IDbContextFactory<CatalogDbContext> dbFactory) : IProductQueryService
{
    public async Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.Where(p => p.Id == id).Select(ProductProjections.Details).FirstOrDefaultAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new ProductReadResult(id, product is null ? ProductReadStatus.NotFound : ProductReadStatus.Found, product,
            new CacheReadReport(CacheOutcome.Miss, "(bypassed)", 0, elapsed, elapsed, null));
    }
}
