using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

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
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly TimeProvider _time;
    private readonly ILogger<ProductMemoryTier> _logger;
    private long _generation;

    public ProductMemoryTier(IOptions<CacheOptions> options, IConnectionMultiplexer redis, CacheKeys keys, TimeProvider time, ILogger<ProductMemoryTier> logger)
    {
        var settings = options.Value;
        _ttl = settings.MemoryTierTtl;
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
        var until = now + _ttl < entry.ExpiresAt ? now + _ttl : entry.ExpiresAt;
        if (until > now)
        {
            _entries.Set(id, new Held(entry, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
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
            await _redis.GetSubscriber().PublishAsync(_channel, message);
        }
        catch (Exception ex) when (RedisCircuitBreaker.IsRedisFailure(ex))
        {
            LogPublishFailed(_logger, ex);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            // The client restores the subscription by itself after a reconnect.
            await _redis.GetSubscriber().SubscribeAsync(_channel, (_, message) =>
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
        catch (Exception ex) when (RedisCircuitBreaker.IsRedisFailure(ex))
        {
            LogSubscribeFailed(_logger, ex);
        }
    }

    private sealed record Held(CachedProduct Entry, DateTimeOffset Until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell other instances to drop in-memory products; their entries expire on their own")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not listen for in-memory evictions from other instances; entries rely on their short TTL")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
