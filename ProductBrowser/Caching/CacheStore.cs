using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

/// <summary>
/// Typed, timed, failure-tolerant Redis reads and writes of versioned entries (<see cref="VersionedValue"/>). A Redis
/// failure is reported, never thrown: the caller falls back to PostgreSQL. An entry that cannot be read is reported as
/// absent and logged. Writes are compare-and-set (<see cref="CacheScripts"/>): an older version never replaces a newer
/// value or tombstone. A tombstone that has not reached Redis yet (its write failed, and the change feed will send it
/// again) is held here and honoured as if it had: reads report it instead of an older entry, fills older than it are
/// dropped. Without that, a Redis that comes back with its old entries (a replica promoted by a failover, a server that
/// hung) would serve them until the change feed's next attempt. Reads ask the primary only: a replica cannot take a
/// tombstone, so what it holds may be older than a change already committed.
/// </summary>
public sealed partial class CacheStore(RedisGateway redis, TimeProvider time, ILogger<CacheStore> logger)
{
    private readonly RedisCircuitBreaker _breaker = redis.Breaker;
    private readonly RedisTelemetry _telemetry = redis.Telemetry;
    private const int TombstoneSlice = 256;
    private readonly Lock _pendingGate = new();

    // Tombstones sent but not known to be in Redis, by key: null while there are none (the hit path reads one field).
    private volatile Dictionary<string, long>? _pending;

    /// <summary>True while Redis is being skipped after repeated failures.</summary>
    public bool IsRedisUnavailable => _breaker.IsOpen;

    public async Task<CacheGet<T>> GetAsync<T>(RedisKey key, JsonTypeInfo<T> type)
        where T : class
    {
        var started = time.GetTimestamp();
        if (!_breaker.TryEnter(out var trial))
        {
            return new CacheGet<T>(null, RedisFailures.OpenMessage, time.GetElapsedTime(started));
        }

        // The hot path: one GET, bounded by the client's own timeout (no per-call timer or token), into a pooled buffer
        // (the entry's bytes are not copied into a new array), then deserialized. The gateway's rules, inlined: no
        // delegate or closure per read.
        Lease<byte>? lease;
        var activity = RedisTelemetry.Start("GET");
        try
        {
            lease = await redis.Database.StringGetLeaseAsync(key, CommandFlags.DemandMaster).ConfigureAwait(false);
            _breaker.Succeeded(trial);
        }
        catch (Exception ex)
        {
            _breaker.Failed(trial);
            _telemetry.Record("GET", time.GetElapsedTime(started), activity, ex);
            if (!RedisFailures.IsRedisFailure(ex))
            {
                throw;
            }

            LogRedisFailed(logger, ex, "GET", key.ToString());
            return new CacheGet<T>(null, RedisFailures.Describe(ex), time.GetElapsedTime(started));
        }

        var elapsed = time.GetElapsedTime(started);
        _telemetry.Record("GET", elapsed, activity);
        var pending = PendingVersion(key);
        if (lease is null)
        {
            return pending is { } newest ? new CacheGet<T>(null, null, elapsed, newest, Tombstone: true) : new CacheGet<T>(null, null, elapsed);
        }

        using (lease)
        {
            if (!VersionedValue.TryDecode(lease.Span, out var version, out var json))
            {
                // An entry we cannot read is as good as none: the caller's miss path overwrites it.
                LogCorruptEntry(logger, null, key.ToString());
                return new CacheGet<T>(null, null, elapsed);
            }

            if (pending > version)
            {
                // Older than a change whose tombstone Redis has not taken yet: what Redis would hold had it taken it.
                return new CacheGet<T>(null, null, elapsed, pending.Value, Tombstone: true);
            }

            if (json.IsEmpty)
            {
                return new CacheGet<T>(null, null, elapsed, version, Tombstone: true);
            }

            try
            {
                return new CacheGet<T>(JsonSerializer.Deserialize(json, type), null, elapsed, version);
            }
            catch (JsonException ex)
            {
                LogCorruptEntry(logger, ex, key.ToString());
                return new CacheGet<T>(null, null, elapsed);
            }
        }
    }

    /// <summary>Stores <paramref name="value"/> as <paramref name="version"/> unless the key holds something newer.</summary>
    public async Task<CacheSet> FillAsync<T>(RedisKey key, T value, JsonTypeInfo<T> type, long version, TimeSpan ttl)
    {
        var started = time.GetTimestamp();
        if (PendingVersion(key) > version)
        {
            return new CacheSet(null, time.GetElapsedTime(started));
        }

        var bytes = VersionedValue.Encode(value, type, version);
        var error = await CallAsync("FILL", key, database => database.ScriptEvaluateAsync(CacheScripts.Fill, [key], FillArguments(version, bytes, ttl)));
        return new CacheSet(error, time.GetElapsedTime(started));
    }

    /// <summary>
    /// Sends a fill and returns without waiting for Redis's reply, for a read path that has its value already. Commands on
    /// the connection keep their order, so any later read through this app sees the entry; a failure is logged and counts
    /// against the breaker. Returns the failure only when the fill could not even be sent.
    /// </summary>
    public string? FillInBackground<T>(RedisKey key, T value, JsonTypeInfo<T> type, long version, TimeSpan ttl)
    {
        if (PendingVersion(key) > version)
        {
            // Redis would refuse it once the change's tombstone is in: not sent, and not a failure.
            return null;
        }

        if (!_breaker.TryEnter(out var trial))
        {
            return RedisFailures.OpenMessage;
        }

        var started = time.GetTimestamp();
        var activity = RedisTelemetry.Start("FILL");
        Task sent;
        try
        {
            var bytes = VersionedValue.Encode(value, type, version);
            sent = redis.Database.ScriptEvaluateAsync(CacheScripts.Fill, [key], FillArguments(version, bytes, ttl));
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            _breaker.Failed(trial);
            _telemetry.Record("FILL", time.GetElapsedTime(started), activity, ex);
            LogRedisFailed(logger, ex, "FILL", key.ToString());
            return RedisFailures.Describe(ex);
        }

        _ = ObserveAsync(sent, trial, key, started, activity);
        return null;
    }

    /// <summary>Removes an entry, but never a tombstone (that would let an older fill back in).</summary>
    public Task<string?> EvictAsync(RedisKey key) =>
        CallAsync("EVICT", key, database => database.ScriptEvaluateAsync(CacheScripts.Evict, [key]));

    /// <summary>
    /// Leaves a tombstone at each key's version, all sent at once (one script per key: the keys hash to different slots
    /// on a cluster). Throws when Redis fails, so a change feed keeps the change to apply again; until Redis has taken
    /// them, this instance's reads and fills honour them (see the class remarks).
    /// </summary>
    public async Task TombstoneAsync(IReadOnlyCollection<(RedisKey Key, long Version)> entries, TimeSpan ttl)
    {
        if (entries.Count == 0)
        {
            return;
        }

        UpdatePending(entries, taken: false);
        var milliseconds = (long)ttl.TotalMilliseconds;
        // In slices: the scripts share the one connection with every page's reads, and a GET queued behind ten thousand
        // of them (a bulk import's page) would wait past its timeout. A slice costs a read at most a millisecond or two.
        foreach (var slice in entries.Chunk(TombstoneSlice))
        {
            await redis.RunAsync("TOMBSTONE", database =>
                Task.WhenAll(slice.Select(e => database.ScriptEvaluateAsync(CacheScripts.Tombstone, [e.Key], [e.Version, milliseconds]))));
        }

        UpdatePending(entries, taken: true);
    }

    /// <summary>Reads a plain string (a cursor); throws when Redis fails, so the caller can tell absent from unknown.</summary>
    public async Task<string?> GetTextAsync(RedisKey key)
    {
        string? value = null;
        var error = await CallAsync("GET", key, async database => value = await database.StringGetAsync(key, CommandFlags.DemandMaster));
        return error is null ? value : throw new RedisException(error);
    }

    /// <summary>Writes a plain string without expiry; returns what went wrong, or null.</summary>
    public Task<string?> SetTextAsync(RedisKey key, string value) =>
        CallAsync("SET", key, database => database.StringSetAsync(key, value));

    /// <summary>Reads a counter (0 when absent); null when Redis failed.</summary>
    public async Task<long?> GetCounterAsync(RedisKey key)
    {
        long? value = null;
        var error = await CallAsync("GET", key, async database => value = (long?)await database.StringGetAsync(key, CommandFlags.DemandMaster) ?? 0);
        return error is null ? value : null;
    }

    /// <summary>Raises counters by one, all sent at once. Throws when Redis fails, so a change feed applies them again.</summary>
    public async Task IncrementAsync(IReadOnlyCollection<RedisKey> counters)
    {
        if (counters.Count == 0)
        {
            return;
        }

        await redis.RunAsync("INCR", database => Task.WhenAll(counters.Select(key => database.StringIncrementAsync(key))));
    }

    /// <summary>The newest tombstone on <paramref name="key"/> that Redis has not taken yet, if any.</summary>
    private long? PendingVersion(RedisKey key) =>
        _pending is { } pending && pending.TryGetValue(((string?)key)!, out var version) ? version : null;

    /// <summary>
    /// Holds tombstones about to be sent or, once Redis has <paramref name="taken"/> them, lets them go (only a held
    /// version up to the one taken: a newer one sent meanwhile stays). Copy on write: readers never lock.
    /// </summary>
    private void UpdatePending(IReadOnlyCollection<(RedisKey Key, long Version)> entries, bool taken)
    {
        lock (_pendingGate)
        {
            var pending = _pending is { } current ? new Dictionary<string, long>(current, StringComparer.Ordinal) : new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (key, version) in entries)
            {
                var name = ((string?)key)!;
                if (!taken)
                {
                    pending[name] = Math.Max(version, pending.GetValueOrDefault(name));
                }
                else if (pending.TryGetValue(name, out var held) && held <= version)
                {
                    pending.Remove(name);
                }
            }

            _pending = pending.Count == 0 ? null : pending;
        }
    }

    private static RedisValue[] FillArguments(long version, byte[] bytes, TimeSpan ttl) =>
        [version, bytes, (long)Math.Max(1, ttl.TotalMilliseconds)];

    /// <summary>One Redis command through the gateway; returns what went wrong, or null.</summary>
    private async Task<string?> CallAsync(string operation, RedisKey key, Func<IDatabase, Task> command)
    {
        try
        {
            await redis.RunAsync(operation, command);
            return null;
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            if (ex.Message != RedisFailures.OpenMessage)
            {
                LogRedisFailed(logger, ex, operation, key.ToString());
            }

            return RedisFailures.Describe(ex);
        }
    }

    private async Task ObserveAsync(Task sent, bool trial, RedisKey key, long started, System.Diagnostics.Activity? activity)
    {
        try
        {
            await sent;
            _breaker.Succeeded(trial);
            _telemetry.Record("FILL", time.GetElapsedTime(started), activity);
        }
        catch (Exception ex)
        {
            _breaker.Failed(trial);
            _telemetry.Record("FILL", time.GetElapsedTime(started), activity, ex);
            LogRedisFailed(logger, ex, "FILL", key.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Operation} {Key} failed; falling back to PostgreSQL")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception, string operation, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable cache entry {Key} treated as a miss")]
    private static partial void LogCorruptEntry(ILogger logger, Exception? exception, string key);
}

/// <summary>
/// The outcome of a cache read: the value (null when absent, a tombstone, unreadable or failed), its version, and any
/// failure. A tombstone's version is the newest change known; a miss must not store anything older.
/// </summary>
public readonly record struct CacheGet<T>(T? Value, string? Error, TimeSpan Elapsed, long Version = 0, bool Tombstone = false)
    where T : class;

public readonly record struct CacheSet(string? Error, TimeSpan Elapsed);
