using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using StackExchange.Redis;

namespace ProductBrowser.Catalog;

/// <summary>
/// An optional in-process tier in front of Redis (<c>Cache:MemoryTier</c>, off by default): product entries read from
/// Redis or PostgreSQL are kept here for at most <see cref="CacheOptions.MemoryTierTtl"/> and never past their Redis
/// expiry. A hit completes without any I/O. Removals reach every instance: change notifications already run on each
/// one, and evictions and flushes are published on a Redis channel every instance listens to. If a removal message is
/// lost (Redis down), the short TTL bounds how long an instance can show the old entry.
/// </summary>
public sealed partial class ProductMemoryTier : IDisposable
{
    private readonly MemoryCache? _entries;
    private readonly TimeSpan _ttl;
    private readonly RedisGateway _redis;
    private readonly RedisChannel _channel;
    private readonly TimeProvider _time;
    private readonly ILogger<ProductMemoryTier> _logger;
    private readonly TimeSpan _tombstoneTtl;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Tombstone> _tombstones = new();
    private long _generation;

    public ProductMemoryTier(IOptions<CacheOptions> options, RedisGateway redis, CacheKeys keys, TimeProvider time, ILogger<ProductMemoryTier> logger)
    {
        var settings = options.Value;
        _ttl = settings.MemoryTierTtl;
        _tombstoneTtl = settings.TombstoneTtl;
        _redis = redis;
        _channel = RedisChannel.Literal(keys.MemoryTierChannel);
        _time = time;
        _logger = logger;
        if (!settings.MemoryTier)
        {
            return;
        }

        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.MemoryTierMaxEntries });
        _ = SubscribeAsync();
    }

    public bool Enabled => _entries is not null;

    public TimeSpan Ttl => _ttl;

    /// <summary>Entries held now (expired ones may still count until they are next touched).</summary>
    public int Count => _entries?.Count ?? 0;

    /// <summary>
    /// Marks the start of a read that may end in <see cref="Set"/>: a removal after this point makes that Set a no-op,
    /// so a read racing an eviction cannot put the old value back.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(Guid id, out CachedProduct entry)
    {
        if (_entries is not null && _entries.TryGetValue(id, out Held? held) && held!.Until > _time.GetUtcNow())
        {
            entry = held.Entry;
            return true;
        }

        entry = null!;
        return false;
    }

    public void Set(Guid id, CachedProduct entry, long generation)
    {
        if (_entries is null || generation != Generation)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_tombstones.TryGetValue(id, out var tombstone) && tombstone.Until > now && (entry.Product?.Revision ?? 0) < tombstone.Version)
        {
            // The same rule as in Redis: a copy older than a change this instance has applied is not kept.
            return;
        }

        var until = now + _ttl < entry.ExpiresAt ? now + _ttl : entry.ExpiresAt;
        if (until > now)
        {
            _entries.Set(id, new Held(entry, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
        }
    }

    /// <summary>
    /// A change at <paramref name="version"/> was applied: drops the product here and refuses copies older than that
    /// version for as long as Redis keeps its tombstone. Every instance applies every change itself.
    /// </summary>
    public void Invalidate(Guid id, long version)
    {
        if (_entries is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        _tombstones.AddOrUpdate(id, new Tombstone(version, now + _tombstoneTtl),
            (_, held) => new Tombstone(Math.Max(held.Version, version), now + _tombstoneTtl));
        Remove(id);
        if (_tombstones.Count > 10_000)
        {
            foreach (var (key, held) in _tombstones)
            {
                if (held.Until <= now)
                {
                    _tombstones.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>Drops a product here and tells the other instances to drop it too.</summary>
    public async Task RemoveEverywhereAsync(Guid id)
    {
        if (_entries is null)
        {
            return;
        }

        Remove(id);
        await PublishAsync(id.ToString("D"));
    }

    /// <summary>Drops every product here and on the other instances.</summary>
    public async Task ClearEverywhereAsync()
    {
        if (_entries is null)
        {
            return;
        }

        Clear();
        await PublishAsync(Everything);
    }

    public void Dispose() => _entries?.Dispose();

    private const string Everything = "*";

    private void Remove(Guid id)
    {
        Interlocked.Increment(ref _generation);
        _entries?.Remove(id);
    }

    private void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries?.Clear();
    }

    private async Task PublishAsync(string message)
    {
        try
        {
            await _redis.PublishAsync(_channel, message);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            LogPublishFailed(_logger, ex);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            // The client restores the subscription by itself after a reconnect.
            await _redis.SubscribeAsync(_channel, (_, message) =>
            {
                if (message == Everything)
                {
                    Clear();
                }
                else if (Guid.TryParse(message.ToString(), out var id))
                {
                    Remove(id);
                }
            });
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            LogSubscribeFailed(_logger, ex);
        }
    }

    private sealed record Held(CachedProduct Entry, DateTimeOffset Until);

    private readonly record struct Tombstone(long Version, DateTimeOffset Until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell other instances to drop in-memory products; their entries expire on their own")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not listen for in-memory evictions from other instances; entries rely on their short TTL")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
