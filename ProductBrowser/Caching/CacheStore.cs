using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

/// <summary>
/// Typed, timed, failure-tolerant Redis reads and writes. A Redis failure is reported, never thrown: the caller falls
/// back to PostgreSQL. An entry that cannot be read is reported as absent and logged.
/// </summary>
public sealed partial class CacheStore(
    IConnectionMultiplexer redis, RedisCircuitBreaker breaker, TimeProvider time, ILogger<CacheStore> logger)
{
    /// <summary>True while Redis is being skipped after repeated failures.</summary>
    public bool IsRedisUnavailable => breaker.IsOpen;

    public async Task<CacheGet<T>> GetAsync<T>(RedisKey key, JsonTypeInfo<T> type)
        where T : class
    {
        var started = time.GetTimestamp();
        if (!breaker.TryEnter(out var trial))
        {
            return new CacheGet<T>(null, RedisCircuitBreaker.OpenMessage, time.GetElapsedTime(started));
        }

        // The hot path: one GET, bounded by the client's own timeout (no per-call timer or token), into a pooled buffer
        // (the entry's bytes are not copied into a new array), then deserialized.
        Lease<byte>? lease;
        try
        {
            lease = await redis.GetDatabase().StringGetLeaseAsync(key).ConfigureAwait(false);
            breaker.Succeeded(trial);
        }
        catch (Exception ex)
        {
            breaker.Failed(trial);
            if (!RedisCircuitBreaker.IsRedisFailure(ex))
            {
                throw;
            }

            LogRedisFailed(logger, ex, "GET", key.ToString());
            return new CacheGet<T>(null, RedisCircuitBreaker.Describe(ex), time.GetElapsedTime(started));
        }

        var elapsed = time.GetElapsedTime(started);
        if (lease is null)
        {
            return new CacheGet<T>(null, null, elapsed);
        }

        using (lease)
        {
            try
            {
                return new CacheGet<T>(JsonSerializer.Deserialize(lease.Span, type), null, elapsed);
            }
            catch (JsonException ex)
            {
                // An entry we cannot read is as good as none: the caller's miss path overwrites it.
                LogCorruptEntry(logger, ex, key.ToString());
                return new CacheGet<T>(null, null, elapsed);
            }
        }
    }

    public async Task<CacheSet> SetAsync<T>(RedisKey key, T value, JsonTypeInfo<T> type, TimeSpan ttl)
    {
        var started = time.GetTimestamp();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var error = await CallAsync("SET", key, database => database.StringSetAsync(key, bytes, ttl));
        return new CacheSet(error, time.GetElapsedTime(started));
    }

    /// <summary>
    /// Sends a SET and returns without waiting for Redis's reply, for a read path that has its value already. Commands on
    /// the connection keep their order, so any later read through this app sees the entry; a failure is logged and counts
    /// against the breaker. Returns the failure only when the SET could not even be sent.
    /// </summary>
    public string? SetInBackground<T>(RedisKey key, T value, JsonTypeInfo<T> type, TimeSpan ttl)
    {
        if (!breaker.TryEnter(out var trial))
        {
            return RedisCircuitBreaker.OpenMessage;
        }

        Task sent;
        try
        {
            sent = redis.GetDatabase().StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, type), ttl);
        }
        catch (Exception ex) when (RedisCircuitBreaker.IsRedisFailure(ex))
        {
            breaker.Failed(trial);
            LogRedisFailed(logger, ex, "SET", key.ToString());
            return RedisCircuitBreaker.Describe(ex);
        }

        _ = ObserveAsync(sent, trial, key);
        return null;
    }

    public Task<string?> DeleteAsync(RedisKey key) =>
        CallAsync("DEL", key, database => database.KeyDeleteAsync(key));

    /// <summary>One Redis command through the breaker; returns what went wrong, or null.</summary>
    private async Task<string?> CallAsync(string operation, RedisKey key, Func<IDatabase, Task> command)
    {
        if (!breaker.TryEnter(out var trial))
        {
            return RedisCircuitBreaker.OpenMessage;
        }

        try
        {
            await command(redis.GetDatabase());
            breaker.Succeeded(trial);
            return null;
        }
        catch (Exception ex)
        {
            breaker.Failed(trial);
            if (!RedisCircuitBreaker.IsRedisFailure(ex))
            {
                throw;
            }

            LogRedisFailed(logger, ex, operation, key.ToString());
            return RedisCircuitBreaker.Describe(ex);
        }
    }

    private async Task ObserveAsync(Task sent, bool trial, RedisKey key)
    {
        try
        {
            await sent;
            breaker.Succeeded(trial);
        }
        catch (Exception ex)
        {
            breaker.Failed(trial);
            LogRedisFailed(logger, ex, "SET", key.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Operation} {Key} failed; falling back to PostgreSQL")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception, string operation, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable cache entry {Key} treated as a miss")]
    private static partial void LogCorruptEntry(ILogger logger, Exception exception, string key);
}

/// <summary>The outcome of a cache read: the value (null when absent, unreadable or failed) and any failure.</summary>
public readonly record struct CacheGet<T>(T? Value, string? Error, TimeSpan Elapsed)
    where T : class;

public readonly record struct CacheSet(string? Error, TimeSpan Elapsed);
