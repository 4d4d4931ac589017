using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using ProductBrowser.Data;
using StackExchange.Redis;

namespace ProductBrowser.Catalog.Changes;

/// <summary>
/// Applies catalog changes to the cache: a tombstone at the change's revision on the product's entry and, when they
/// moved, on its old and new codes (a compare-and-set, so nothing older is stored afterwards and a newer entry stays), the related lists
/// of the categories involved invalidated by their counter, and the in-memory tier told. A renamed category tombstones
/// exactly the products that embed its name. Never a flush: only what changed is touched.
/// </summary>
public sealed partial class ProductCacheInvalidator(
    RedisGateway redis,
    CacheStore cache,
    CacheKeys keys,
    ProductMemoryTier memory,
    IDbContextFactory<CatalogDbContext> dbFactory,
    IOptions<CacheOptions> options,
    ILogger<ProductCacheInvalidator> logger)
{
    private const int Batch = 5_000;

    /// <summary>Throws when Redis or PostgreSQL fails: the caller keeps the changes and applies them again.</summary>
    public async Task<IReadOnlyList<Guid>> ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken)
    {
        var products = new Dictionary<Guid, long>();
        var codes = new Dictionary<string, long>(StringComparer.Ordinal);
        var categories = new HashSet<int>();
        foreach (var change in changes)
        {
            categories.UnionWith(change.Categories);
            if (change.SettledInsert)
            {
                continue;
            }

            if (change.ProductId is { } id)
            {
                products[id] = Math.Max(change.Revision, products.GetValueOrDefault(id));
            }

            foreach (var code in change.Codes)
            {
                codes[code] = Math.Max(change.Revision, codes.GetValueOrDefault(code));
            }
        }

        await AddRenamedCategoriesAsync(changes.Where(c => c.CategoryId is not null).ToList(), products, cancellationToken);

        // First, and even if Redis then fails: the memory tier keeps its own tombstones, so a refill from an old Redis
        // entry is refused here as well.
        foreach (var (id, revision) in products)
        {
            memory.Invalidate(id, revision);
        }

        var ttl = options.Value.TombstoneTtl;
        var tombstones = new List<(RedisKey, long)>(Batch);
        foreach (var (id, revision) in products)
        {
            tombstones.Add((keys.Product(id), revision));
            if (tombstones.Count == Batch)
            {
                await cache.TombstoneAsync(tombstones, ttl);
                tombstones.Clear();
            }
        }

        foreach (var (code, revision) in codes)
        {
            tombstones.Add((keys.Code(code), revision));
            if (tombstones.Count == Batch)
            {
                await cache.TombstoneAsync(tombstones, ttl);
                tombstones.Clear();
            }
        }

        await cache.TombstoneAsync(tombstones, ttl);
        await cache.IncrementAsync([.. categories.Select(keys.RelatedEpoch)]);

        LogApplied(logger, changes.Count, products.Count, codes.Count);
        return [.. products.Keys];
    }

    /// <summary>The products of renamed categories, at the category's revision (their entries embed its name).</summary>
    private async Task AddRenamedCategoriesAsync(List<CatalogChange> renamed, Dictionary<Guid, long> products, CancellationToken cancellationToken)
    {
        if (renamed.Count == 0)
        {
            return;
        }

        var revisions = renamed.GroupBy(c => c.CategoryId!.Value).ToDictionary(g => g.Key, g => g.Max(c => c.Revision));
        var ids = revisions.Keys.ToArray();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var product in db.Products.AsNoTracking().Where(p => ids.Contains(p.CategoryId))
            .Select(p => new { p.Id, p.CategoryId }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            products[product.Id] = Math.Max(revisions[product.CategoryId], products.GetValueOrDefault(product.Id));
        }
    }

    /// <summary>
    /// SCAN + UNLINK of this app's keys only (its prefix and format version); never FLUSHDB. Every primary is scanned
    /// (a cluster spreads keys over several). Only ever asked for by an admin.
    /// </summary>
    public async Task<long> FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A SCAN page over a large, busy keyspace can outlast the 500 ms command timeout. Scanning again is safe
            // (keys already unlinked are simply not found again), so a timed-out pass is followed by another, twice at most.
            long removed = 0;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    removed += await UnlinkAllAsync(cancellationToken);
                    break;
                }
                catch (RedisTimeoutException) when (attempt < 3)
                {
                }
            }

            LogFlushed(logger, removed);
            return removed;
        }
        finally
        {
            await memory.ClearEverywhereAsync();
        }
    }

    /// <summary>An admin eviction: the entries go (tombstones stay), on every instance's memory tier too.</summary>
    public async Task EvictAsync(Guid id, IEnumerable<string> codes)
    {
        try
        {
            foreach (var key in (RedisKey[])[keys.Product(id), keys.Related(id), .. codes.Select(keys.Code)])
            {
                await cache.EvictAsync(key);
            }
        }
        finally
        {
            await memory.RemoveEverywhereAsync(id);
        }
    }

    private async Task<long> UnlinkAllAsync(CancellationToken cancellationToken)
    {
        long removed = 0;
        await redis.ForEachPrimaryAsync("SCAN+UNLINK", async (server, database) =>
        {
            var batch = new List<RedisKey>(500);
            await foreach (var key in server.KeysAsync(database.Database, keys.AllPattern, pageSize: 500).WithCancellation(cancellationToken))
            {
                batch.Add(key);
                if (batch.Count == 500)
                {
                    removed += await UnlinkAsync(database, batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                removed += await UnlinkAsync(database, batch);
            }
        });

        return removed;
    }

    // UNLINK frees memory in the background: a large flush never blocks Redis for other clients. One key per command,
    // pipelined: on a cluster the keys of a batch hash to many slots, and a multi-key command across slots fails (CROSSSLOT).
    private static async Task<long> UnlinkAsync(IDatabase database, List<RedisKey> batch)
    {
        var removed = await Task.WhenAll(batch.Select(key => database.ExecuteAsync("UNLINK", key)));
        return removed.Sum(result => (long)result);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied {Changes} catalog changes: {Products} products, {Codes} codes")]
    private static partial void LogApplied(ILogger logger, int changes, int products, int codes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flushed {Removed} cached catalog entries")]
    private static partial void LogFlushed(ILogger logger, long removed);
}
