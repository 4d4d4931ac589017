using ProductBrowser.Caching;
using StackExchange.Redis;

namespace ProductBrowser.Catalog.Changes;

/// <summary>Removes what the cache holds about changed products: the product, its related list and its codes.</summary>
public sealed partial class ProductCacheInvalidator(
    IConnectionMultiplexer redis, CacheKeys keys, ProductMemoryTier memory, ILogger<ProductCacheInvalidator> logger)
{
    public async Task InvalidateAsync(ProductChange change, CancellationToken cancellationToken)
    {
        if (change.IsEverything)
        {
            var removed = await FlushAsync(cancellationToken);
            LogFlushed(logger, removed);
            return;
        }

        var id = change.ProductId!.Value;
        RedisKey[] doomed = [keys.Product(id), keys.Related(id), .. change.Codes.Select(keys.Code)];
        // One DEL per key, sent together: the keys hash to different slots, and a multi-key DEL across slots fails on
        // Redis Cluster (CROSSSLOT).
        var database = redis.GetDatabase();
        try
        {
            await Task.WhenAll(doomed.Select(key => database.KeyDeleteAsync(key)));
        }
        finally
        {
            // After Redis, or an instance could refill its memory from the entry about to go; and even when Redis failed.
            await memory.RemoveEverywhereAsync(id);
        }

        LogEvicted(logger, id, doomed.Length);
    }

    /// <summary>
    /// SCAN + UNLINK of this app's keys only (its prefix and format version); never FLUSHDB. Every primary is scanned
    /// (a cluster spreads keys over several).
    /// </summary>
    public async Task<long> FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await UnlinkAllAsync(cancellationToken);
        }
        finally
        {
            await memory.ClearEverywhereAsync();
        }
    }

    private async Task<long> UnlinkAllAsync(CancellationToken cancellationToken)
    {
        long removed = 0;
        var database = redis.GetDatabase();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
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
        }

        return removed;
    }

    // UNLINK frees memory in the background: a large flush never blocks Redis for other clients. One key per command,
    // pipelined: on a cluster the keys of a batch hash to many slots, and a multi-key command across slots fails (CROSSSLOT).
    private static async Task<long> UnlinkAsync(IDatabase database, List<RedisKey> batch)
    {
        var removed = await Task.WhenAll(batch.Select(key => database.ExecuteAsync("UNLINK", key)));
        return removed.Sum(result => (long)result);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evicted product {ProductId} ({Keys} keys)")]
    private static partial void LogEvicted(ILogger logger, Guid productId, int keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flushed {Removed} cached catalog entries")]
    private static partial void LogFlushed(ILogger logger, long removed);
}
