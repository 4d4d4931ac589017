using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

/// <summary>
/// Typed, timed, failure-tolerant Redis reads and writes. A Redis failure is reported, never thrown: the caller falls
/// back to PostgreSQL. An entry that cannot be read is reported as absent and logged.
/// </summary>
public sealed partial class CacheStore(
    IConnectionMultiplexer redis, RedisResilience resilience, TimeProvider time, ILogger<CacheStore> logger)
{
    /// <summary>True while Redis is being skipped after repeated failures.</summary>
    public bool IsRedisUnavailable => resilience.IsOpen;

    public async Task<CacheGet<T>> GetAsync<T>(RedisKey key, JsonTypeInfo<T> type)
        where T : class
    {
        var started = time.GetTimestamp();
        RedisValue value;
        try
        {
            value = await resilience.Pipeline.ExecuteAsync(
                static async (state, ct) => await state.Database.StringGetAsync(state.Key).WaitAsync(ct),
                (Database: redis.GetDatabase(), Key: key), CancellationToken.None);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogRedisFailed(logger, ex, "GET", key.ToString());
            return new CacheGet<T>(null, Describe(ex), time.GetElapsedTime(started));
        }

        var elapsed = time.GetElapsedTime(started);
        if (value.IsNull)
        {
            return new CacheGet<T>(null, null, elapsed);
        }

        try
        {
            return new CacheGet<T>(JsonSerializer.Deserialize((byte[])value!, type), null, elapsed);
        }
        catch (JsonException ex)
        {
            // An entry we cannot read is as good as none: the caller's miss path overwrites it.
            LogCorruptEntry(logger, ex, key.ToString());
            return new CacheGet<T>(null, null, elapsed);
        }
    }

    public async Task<CacheSet> SetAsync<T>(RedisKey key, T value, JsonTypeInfo<T> type, TimeSpan ttl)
    {
        var started = time.GetTimestamp();
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
            await resilience.Pipeline.ExecuteAsync(
                static async (state, ct) => await state.Database.StringSetAsync(state.Key, state.Bytes, state.Ttl).WaitAsync(ct),
                (Database: redis.GetDatabase(), Key: key, Bytes: bytes, Ttl: ttl), CancellationToken.None);
            return new CacheSet(null, time.GetElapsedTime(started));
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogRedisFailed(logger, ex, "SET", key.ToString());
            return new CacheSet(Describe(ex), time.GetElapsedTime(started));
        }
    }

    public async Task<string?> DeleteAsync(RedisKey key)
    {
        try
        {
            await resilience.Pipeline.ExecuteAsync(
                static async (state, ct) => await state.Database.KeyDeleteAsync(state.Key).WaitAsync(ct),
                (Database: redis.GetDatabase(), Key: key), CancellationToken.None);
            return null;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogRedisFailed(logger, ex, "DEL", key.ToString());
            return Describe(ex);
        }
    }

    private static bool IsRedisFailure(Exception ex) => RedisResilience.IsFailure(ex);

    private static string Describe(Exception ex) => RedisResilience.Describe(ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Operation} {Key} failed; falling back to PostgreSQL")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception, string operation, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable cache entry {Key} treated as a miss")]
    private static partial void LogCorruptEntry(ILogger logger, Exception exception, string key);
}

/// <summary>The outcome of a cache read: the value (null when absent, unreadable or failed) and any failure.</summary>
public readonly record struct CacheGet<T>(T? Value, string? Error, TimeSpan Elapsed)
    where T : class;

public readonly record struct CacheSet(string? Error, TimeSpan Elapsed);
