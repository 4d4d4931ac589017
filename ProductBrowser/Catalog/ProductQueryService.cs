using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

/// <summary>
/// Cache-aside reads of product details: Redis first; on a miss PostgreSQL (short-lived pooled context, no tracking),
/// then the JSON goes into Redis with the configured TTL. Every read reports how it was served.
/// </summary>
public sealed partial class ProductQueryService(
    IDbContextFactory<CatalogDbContext> dbFactory,
    CacheStore cache,
    CacheKeys keys,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<ProductQueryService> logger) : IProductQueryService
{
    private static readonly Func<CatalogDbContext, Guid, CancellationToken, Task<ProductDetails?>> LoadById =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid id, CancellationToken _) =>
            db.Products.AsNoTracking().Where(p => p.Id == id).Select(ProductProjections.Details).FirstOrDefault());

    public async Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var key = keys.Product(id);

        var cached = await cache.GetAsync(key, CacheJsonContext.Default.CachedProduct);
        var redisTime = cached.Elapsed;
        var cacheError = cached.Error;
        if (cached.Value is { } entry)
        {
            var ttl = entry.ExpiresAt - time.GetUtcNow();
            return new ProductReadResult(id, ProductReadStatus.Found, entry.Product, new CacheReadReport(
                CacheOutcome.Hit, key!, redisTime.TotalMilliseconds, null, Elapsed(started),
                ttl > TimeSpan.Zero ? ttl : TimeSpan.Zero));
        }

        var dbStarted = time.GetTimestamp();
        ProductDetails? product;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            product = await LoadById(db, id, cancellationToken);
        }
        catch (Exception ex) when (CatalogFailures.IsDatabaseFailure(ex))
        {
            LogDatabaseFailed(logger, ex, id);
            return new ProductReadResult(id, ProductReadStatus.Unavailable, null, new CacheReadReport(
                cacheError is null ? CacheOutcome.Miss : CacheOutcome.Error, key!, redisTime.TotalMilliseconds,
                time.GetElapsedTime(dbStarted).TotalMilliseconds, Elapsed(started), null, cacheError));
        }

        var dbTime = time.GetElapsedTime(dbStarted);
        TimeSpan? storedFor = null;
        if (product is not null && cacheError is null)
        {
            var ttl = options.Value.ProductTtl;
            var stored = await cache.SetAsync(key, new CachedProduct(product, time.GetUtcNow() + ttl), CacheJsonContext.Default.CachedProduct, ttl);
            redisTime += stored.Elapsed;
            cacheError = stored.Error;
            storedFor = stored.Error is null ? ttl : null;
        }

        return new ProductReadResult(
            id,
            product is null ? ProductReadStatus.NotFound : ProductReadStatus.Found,
            product,
            new CacheReadReport(
                cacheError is null ? CacheOutcome.Miss : CacheOutcome.Error, key!, redisTime.TotalMilliseconds,
                dbTime.TotalMilliseconds, Elapsed(started), storedFor, cacheError));
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading product {ProductId} from PostgreSQL failed")]
    private static partial void LogDatabaseFailed(ILogger logger, Exception exception, Guid productId);
}
