using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Data;
using StackExchange.Redis;

namespace ProductBrowser.Diagnostics;

/// <summary>
/// Compares a random sample of the product entries this app has in Redis with PostgreSQL: an entry served as a hit
/// (within its TTL) whose revision is older than the row's, or that says "not found" of a product that exists, or
/// holds a product that no longer exists, is stale. The promise is 0 (allowing for changes younger than the 2 s bound).
/// </summary>
public sealed class CacheConsistencySampler(
    RedisGateway redis, CacheKeys keys, IDbContextFactory<CatalogDbContext> dbFactory, TimeProvider time)
{
    /// <summary>At most this many keys per sampled entry are scanned, so a check stays quick on a large cache.</summary>
    private const int ScanPerSample = 100;

    public async Task<ConsistencySample> SampleAsync(int size, CancellationToken cancellationToken)
    {
        // Entries that hold a value (tombstones and expired copies are never served as hits), sampled uniformly.
        var sample = new List<(Guid Id, (long Version, CachedProduct Entry) Value)>(size);
        var seen = 0;
        var scanned = 0;
        var batch = new List<RedisKey>(500);
        await redis.ForEachPrimaryAsync("SCAN+GET", async (server, database) =>
        {
            await foreach (var key in server.KeysAsync(database.Database, keys.ProductPattern, pageSize: 1_000).WithCancellation(cancellationToken))
            {
                batch.Add(key);
                if (batch.Count == 500)
                {
                    seen = Keep(await ReadFreshAsync(database, [.. batch]), sample, size, seen);
                    batch.Clear();
                }

                if (++scanned >= size * ScanPerSample)
                {
                    break;
                }
            }

            seen = Keep(await ReadFreshAsync(database, [.. batch]), sample, size, seen);
            batch.Clear();
        });
        var cached = sample.ToDictionary(s => s.Id, s => s.Value);
        var stale = await StaleAsync(cached, cancellationToken);
        if (stale.Count > 0)
        {
            // A change younger than the bound may not be applied yet: only what is still stale after it counts.
            await Task.Delay(ChangeFeedHealthCheck.Bound + TimeSpan.FromMilliseconds(500), time, cancellationToken);
            var again = await redis.RunAsync("GET", database => ReadFreshAsync(database, [.. stale.Select(keys.Product)]));
            stale = await StaleAsync(again, cancellationToken);
        }

        return new ConsistencySample(cached.Count, stale, time.GetUtcNow());
    }

    /// <summary>Reservoir sampling: every entry seen has the same chance to be in the sample.</summary>
    private static int Keep(
        Dictionary<Guid, (long Version, CachedProduct Entry)> found, List<(Guid, (long, CachedProduct))> sample, int size, int seen)
    {
        foreach (var (id, value) in found)
        {
            seen++;
            if (sample.Count < size)
            {
                sample.Add((id, value));
            }
            else if (Random.Shared.Next(seen) is var slot && slot < size)
            {
                sample[slot] = (id, value);
            }
        }

        return seen;
    }

    /// <summary>The entries among <paramref name="chosen"/> that a read would serve as a hit now, with their versions.</summary>
    private async Task<Dictionary<Guid, (long Version, CachedProduct Entry)>> ReadFreshAsync(IDatabase database, RedisKey[] chosen)
    {
        var values = chosen.Length == 0 ? [] : await Task.WhenAll(chosen.Select(key => database.StringGetAsync(key)));
        var now = time.GetUtcNow();
        var cached = new Dictionary<Guid, (long Version, CachedProduct Entry)>();
        for (var i = 0; i < chosen.Length; i++)
        {
            if (values[i].IsNull || !VersionedValue.TryDecode((byte[])values[i]!, out var version, out var json) || json.IsEmpty
                || !Guid.TryParse(chosen[i].ToString()[^36..], out var id))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(json, CacheJsonContext.Default.CachedProduct) is { } entry && entry.ExpiresAt > now)
                {
                    cached[id] = (version, entry);
                }
            }
            catch (JsonException)
            {
                // Unreadable entries are misses, never served.
            }
        }

        return cached;
    }

    private async Task<List<Guid>> StaleAsync(Dictionary<Guid, (long Version, CachedProduct Entry)> cached, CancellationToken cancellationToken)
    {
        var ids = cached.Keys.ToArray();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, Revision = Math.Max(p.Revision, p.Category.Revision) })
            .ToDictionaryAsync(p => p.Id, p => p.Revision, cancellationToken);
        return [.. cached
            .Where(c => current.TryGetValue(c.Key, out var revision)
                ? c.Value.Entry.Product is null || c.Value.Version < revision
                : c.Value.Entry.Product is not null)
            .Select(c => c.Key)];
    }
}

/// <summary>How many fresh entries were compared, and the ids of those that were stale.</summary>
public sealed record ConsistencySample(int Sampled, IReadOnlyList<Guid> Stale, DateTimeOffset At);
