using ProductBrowser.Caching;
using StackExchange.Redis;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>What a cache key holds, read straight from Redis: a value (and its version), a tombstone, or nothing.</summary>
public static class CacheEntries
{
    /// <summary>True when the key holds a value (not a tombstone, not nothing).</summary>
    public static async Task<bool> HoldsValueAsync(this IDatabase redis, RedisKey key) =>
        await VersionAsync(redis, key) is { Tombstone: false };

    public static async Task<(long Version, bool Tombstone)?> VersionAsync(this IDatabase redis, RedisKey key)
    {
        var stored = await redis.StringGetAsync(key);
        return stored.IsNull ? null : Decode((byte[])stored!);
    }

    private static (long Version, bool Tombstone)? Decode(byte[] stored) =>
        VersionedValue.TryDecode(stored, out var version, out var json) ? (version, json.IsEmpty) : null;
}
