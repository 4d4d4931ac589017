using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

/// <summary>
/// Cache-aside reads of product details: Redis first; on a miss PostgreSQL (short-lived pooled context, no tracking,
/// one query however many reads miss together), then the JSON goes into Redis with the configured TTL (jittered).
/// Unknown ids are remembered briefly; an expired entry stays as a stale copy, served only when PostgreSQL is down.
/// Every read reports how it was served. With a read replica, a miss that finds a tombstone newer than the replica's
/// row reads the primary instead: the replica has not applied that change yet (read your writes, and everyone else's).
/// </summary>
public sealed partial class ProductQueryService(
    CatalogReadDbContextFactory dbFactory,
    IDbContextFactory<CatalogDbContext> primary,
    CacheStore cache,
    ProductMemoryTier memory,
    CacheKeys keys,
    ProductLoads loads,
    CatalogMetrics metrics,
    Replication.ReplicaLagSampler replicaLag,
    SessionReads session,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<ProductQueryService> logger) : IProductQueryService
{
    /// <summary>The miss path's query: compiled once, no tracking, one row with its category name.</summary>
    internal static readonly Func<CatalogDbContext, Guid, CancellationToken, Task<ProductDetails?>> LoadById =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid id, CancellationToken _) =>
            db.Products.AsNoTracking().Where(p => p.Id == id).Select(ProductProjections.Details).FirstOrDefault());

    public Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        if (memory.TryGet(id, out var held))
        {
            // The in-memory tier (when enabled): answered without any I/O, so the caller continues synchronously.
            var now = time.GetUtcNow();
            return Task.FromResult(Recorded(new ProductReadResult(id, held.Product is null ? ProductReadStatus.NotFound : ProductReadStatus.Found,
                held.Product, new CacheReadReport(CacheOutcome.Memory, keys.Product(id)!, 0, null, Elapsed(started), held.ExpiresAt - now))));
        }

        return ReadAsync(id, started, cancellationToken);
    }

    private async Task<ProductReadResult> ReadAsync(Guid id, long started, CancellationToken cancellationToken)
    {
        var generation = memory.Generation;
        var key = keys.Product(id);

        var cached = await cache.GetAsync(key, CacheJsonContext.Default.CachedProduct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (cached.Value is { } entry && entry.ExpiresAt > now)
        {
            // The Redis hit path stays in this one method: no further awaits, nothing allocated beyond the result.
            memory.Set(id, entry, generation);
            return Recorded(new ProductReadResult(id, entry.Product is null ? ProductReadStatus.NotFound : ProductReadStatus.Found, entry.Product,
                new CacheReadReport(CacheOutcome.Hit, key!, cached.Elapsed.TotalMilliseconds, null, Elapsed(started), entry.ExpiresAt - now)));
        }

        return Recorded(await ReadMissAsync(id, key, cached, started, generation, cancellationToken).ConfigureAwait(false));
    }

    private ProductReadResult Recorded(ProductReadResult result)
    {
        metrics.RecordRead(result);
        session.Add(result);
        return result;
    }

    private async Task<ProductReadResult> ReadMissAsync(
        Guid id, StackExchange.Redis.RedisKey key, CacheGet<CachedProduct> cached, long started, long generation, CancellationToken cancellationToken)
    {
        var stale = cached.Value?.Product;
        var newestKnown = cached.Tombstone ? cached.Version : 0;
        var (load, shared) = await loads.RunAsync(id, started,
            () => LoadAndStoreAsync(id, key, storeInRedis: cached.Error is null, newestKnown, generation), cancellationToken);
        var redisTime = (cached.Elapsed + load.RedisTime).TotalMilliseconds;
        var cacheError = cached.Error ?? load.CacheError;

        if (load.Failed)
        {
            if (stale is not null)
            {
                LogServedStale(logger, id);
                return new ProductReadResult(id, ProductReadStatus.Found, stale, new CacheReadReport(
                    CacheOutcome.Stale, key!, redisTime, load.DatabaseTime.TotalMilliseconds, Elapsed(started), TimeSpan.Zero,
                    "PostgreSQL is unavailable; showing the last cached copy.", shared));
            }

            return new ProductReadResult(id, ProductReadStatus.Unavailable, null, new CacheReadReport(
                cacheError is null ? CacheOutcome.Miss : CacheOutcome.Error, key!, redisTime,
                load.DatabaseTime.TotalMilliseconds, Elapsed(started), null, cacheError, shared));
        }

        return new ProductReadResult(
            id,
            load.Product is null ? ProductReadStatus.NotFound : ProductReadStatus.Found,
            load.Product,
            new CacheReadReport(
                cacheError is null ? CacheOutcome.Miss : CacheOutcome.Error, key!, redisTime,
                load.DatabaseTime.TotalMilliseconds, Elapsed(started), load.StoredFor, cacheError, shared));
    }

    /// <summary>
    /// The one database read behind concurrent misses. Never cancelled by a single caller: others share it.
    /// <paramref name="newestKnown"/> is the revision of the newest change the cache knows of (a tombstone's), or 0.
    /// </summary>
    private async Task<ProductLoad> LoadAndStoreAsync(Guid id, StackExchange.Redis.RedisKey key, bool storeInRedis, long newestKnown, long generation)
    {
        var dbStarted = time.GetTimestamp();
        ProductDetails? product;
        var fromPrimary = !dbFactory.IsReplica;
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                product = await LoadById(db, id, CancellationToken.None);
            }

            if (!fromPrimary && newestKnown > (product?.Revision ?? 0))
            {
                // The replica has not applied a change the cache already knows of: its row is older than the tombstone.
                await using var db = await primary.CreateDbContextAsync();
                product = await LoadById(db, id, CancellationToken.None);
                fromPrimary = true;
            }
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
        {
            LogDatabaseFailed(logger, ex, id);
            return new ProductLoad(null, true, time.GetElapsedTime(dbStarted), TimeSpan.Zero, null, null);
        }

        var dbTime = time.GetElapsedTime(dbStarted);
        metrics.RecordDatabaseLoad(dbTime);
        if (!storeInRedis)
        {
            return new ProductLoad(product, false, dbTime, TimeSpan.Zero, null, null);
        }

        var settings = options.Value;
        if ((fromPrimary ? dbTime : replicaLag.AgeOfRead(dbTime)) > settings.TombstoneTtl / 2)
        {
            // Read so long ago (or from a replica that far behind) that a change's tombstone may be gone: storing could
            // bring the old row back.
            return new ProductLoad(product, false, dbTime, TimeSpan.Zero, null, null);
        }

        var ttl = settings.Jittered(product is null ? settings.NotFoundTtl : settings.ProductTtl);
        var keep = product is null ? ttl : ttl + settings.StaleWindow;
        // The reader has its product: the fill is sent, and its reply is not waited for (a failure is logged). It is a
        // compare-and-set on the row's revision, so a change committed after this read (and its tombstone) wins.
        var storing = time.GetTimestamp();
        var entry = new CachedProduct(product, time.GetUtcNow() + ttl);
        var error = cache.FillInBackground(key, entry, CacheJsonContext.Default.CachedProduct, product?.Revision ?? 0, keep);
        if (error is null)
        {
            memory.Set(id, entry, generation);
        }

        return new ProductLoad(product, false, dbTime, time.GetElapsedTime(storing), error is null ? ttl : null, error);
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading product {ProductId} from PostgreSQL failed")]
    private static partial void LogDatabaseFailed(ILogger logger, Exception exception, Guid productId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL unavailable: served a stale cached copy of product {ProductId}")]
    private static partial void LogServedStale(ILogger logger, Guid productId);
}

/// <summary>The outcome of one database read of a product, shared by every read that missed together.</summary>
public sealed record ProductLoad(
    ProductDetails? Product, bool Failed, TimeSpan DatabaseTime, TimeSpan RedisTime, TimeSpan? StoredFor, string? CacheError);

/// <summary>Concurrent product loads, one per product id, for the whole app instance.</summary>
public sealed class ProductLoads(IOptions<CacheOptions> options, TimeProvider time)
    : InFlightLoads<Guid, ProductLoad>(TimeSpan.FromMilliseconds(options.Value.SharedLoadWaitMilliseconds), time);
