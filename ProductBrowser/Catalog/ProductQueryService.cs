using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using ProductBrowser.Data;
using StackExchange.Redis;

namespace ProductBrowser.Catalog;

/// <summary>
/// Cache-aside reads of product details: Redis first; on a miss PostgreSQL (short-lived pooled context, no tracking),
/// then the JSON goes into Redis with the configured TTL. Every read reports how it was served.
/// </summary>
public sealed partial class ProductQueryService(
    IDbContextFactory<CatalogDbContext> dbFactory,
    IConnectionMultiplexer redis,
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
        var cache = redis.GetDatabase();

        var redisStarted = time.GetTimestamp();
        var (entry, cacheError) = await TryGetAsync(cache, key, id);
        var redisTime = time.GetElapsedTime(redisStarted);

        if (entry is not null)
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
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException { InnerException: DbException })
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
            var setStarted = time.GetTimestamp();
            (storedFor, cacheError) = await TrySetAsync(cache, key, product);
            redisTime += time.GetElapsedTime(setStarted);
        }

        return new ProductReadResult(
            id,
            product is null ? ProductReadStatus.NotFound : ProductReadStatus.Found,
            product,
            new CacheReadReport(
                cacheError is null ? CacheOutcome.Miss : CacheOutcome.Error, key!, redisTime.TotalMilliseconds,
                dbTime.TotalMilliseconds, Elapsed(started), storedFor, cacheError));
    }

    private async Task<(CachedProduct? Entry, string? Error)> TryGetAsync(IDatabase cache, RedisKey key, Guid id)
    {
        RedisValue value;
        try
        {
            value = await cache.StringGetAsync(key);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogRedisFailed(logger, ex, "GET", id);
            return (null, Describe(ex));
        }

        if (value.IsNull)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize((ReadOnlySpan<byte>)(byte[])value!, CacheJsonContext.Default.CachedProduct), null);
        }
        catch (JsonException ex)
        {
            // An entry we cannot read is as good as none: the miss path overwrites it.
            LogCorruptEntry(logger, ex, key.ToString());
            return (null, null);
        }
    }

    private async Task<(TimeSpan? StoredFor, string? Error)> TrySetAsync(IDatabase cache, RedisKey key, ProductDetails product)
    {
        var ttl = options.Value.ProductTtl;
        var entry = new CachedProduct(product, time.GetUtcNow() + ttl);
        try
        {
            await cache.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(entry, CacheJsonContext.Default.CachedProduct), ttl);
            return (ttl, null);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogRedisFailed(logger, ex, "SET", product.Id);
            return (null, Describe(ex));
        }
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    private static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutException => "Redis did not answer in time.",
        RedisConnectionException => "Redis is unavailable.",
        _ => "Redis returned an error.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Operation} failed for product {ProductId}; reading from PostgreSQL")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception, string operation, Guid productId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable cache entry {Key} treated as a miss")]
    private static partial void LogCorruptEntry(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading product {ProductId} from PostgreSQL failed")]
    private static partial void LogDatabaseFailed(ILogger logger, Exception exception, Guid productId);
}
