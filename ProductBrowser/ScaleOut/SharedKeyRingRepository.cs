using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using ProductBrowser.Caching;
using StackExchange.Redis;

namespace ProductBrowser.ScaleOut;

/// <summary>
/// The data-protection key ring in Redis, shared by every instance, so a sign-in cookie or an antiforgery token issued
/// by one instance is accepted by any other. Redis stays optional: while it cannot be reached this serves the keys it
/// last read plus keys made meanwhile, held in this process (sign-in keeps working on this instance, with a warning that
/// other instances cannot read what it protects), and writes the held keys to Redis as soon as it answers again.
/// </summary>
/// <remarks>
/// Every instance checks the ring's length every <see cref="CheckInterval"/> (one LLEN): when it differs from what this
/// instance last read (a key made by another instance, or by this one during an outage), <see cref="Changed"/> fires
/// and the key manager reads the ring again. Instances that start together against an empty ring may each make a key;
/// once each has read the others', all resolve the same default key, and every key stays readable by all.
/// </remarks>
public sealed partial class SharedKeyRingRepository : IXmlRepository, IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    private readonly RedisGateway _redis;
    private readonly RedisKey _key;
    private readonly ILogger<SharedKeyRingRepository> _logger;
    private readonly Lock _gate = new();
    // One write-back at a time (the periodic check and a ring read may both try): each sees what the other wrote.
    private readonly Lock _saving = new();
    private readonly List<XElement> _held = [];
    private readonly ITimer _timer;
    private IReadOnlyCollection<XElement> _lastRead = [];
    private CancellationTokenSource _changed = new();
    private int _checking;

    public SharedKeyRingRepository(RedisGateway redis, RedisKey key, TimeProvider time, ILogger<SharedKeyRingRepository> logger)
    {
        _redis = redis;
        _key = key;
        _logger = logger;
        _timer = time.CreateTimer(_ => _ = CheckAsync(), null, CheckInterval, CheckInterval);
    }

    /// <summary>Cancelled when the shared ring no longer matches what this instance read; then replaced by a new token.</summary>
    public CancellationToken Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Token;
            }
        }
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            var elements = SaveHeldKeys();
            lock (_gate)
            {
                _lastRead = elements;
            }

            return elements;
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            LogReadFailed(_logger, ex);
            lock (_gate)
            {
                return Distinct([.. _lastRead, .. _held]);
            }
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        try
        {
            Append(element);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            LogHeldLocally(_logger, ex, friendlyName);
            lock (_gate)
            {
                _held.Add(element);
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _changed.Dispose();
        }
    }

    /// <summary>Writes held keys once Redis answers, and signals a ring that grew elsewhere.</summary>
    internal async Task CheckAsync()
    {
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        try
        {
            int held, read;
            lock (_gate)
            {
                held = _held.Count;
                read = _lastRead.Count;
            }

            if (!_redis.IsConnected)
            {
                return;
            }

            if (held > 0)
            {
                await Task.Run(SaveHeldKeys);
            }

            var length = await _redis.RunAsync("LLEN", database => database.ListLengthAsync(_key), essential: true);
            if (held > 0 || length != read)
            {
                SignalChanged();
            }
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            // Redis went away again: the next check retries.
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    private void SignalChanged()
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }

    /// <summary>
    /// Writes the held keys that Redis does not have yet and returns the ring. A write that timed out may still have
    /// reached Redis, so each held key is written only if absent, and a key found twice is read once: a duplicate would
    /// make the framework refuse the whole ring.
    /// </summary>
    private IReadOnlyCollection<XElement> SaveHeldKeys()
    {
        lock (_saving)
        {
            return SaveHeldKeysLocked();
        }
    }

    private IReadOnlyCollection<XElement> SaveHeldKeysLocked()
    {
        var elements = ReadShared();
        XElement[] held;
        lock (_gate)
        {
            held = [.. _held];
        }

        if (held.Length == 0)
        {
            return elements;
        }

        var present = elements.Select(KeyId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var element in held)
        {
            if (KeyId(element) is not { } id || present.Add(id))
            {
                Append(element);
            }

            lock (_gate)
            {
                _held.Remove(element);
            }
        }

        LogHeldKeysSaved(_logger, held.Length);
        return ReadShared();
    }

    private IReadOnlyCollection<XElement> ReadShared()
    {
        // Giving up here makes this instance sign with a key only it holds, and another instance refuses its forms. So a
        // timeout while the machine is busy (several instances starting at once) and a connection still being made at
        // start-up (commands fail fast until it is up) are worth more tries, a little apart: about 2 s at most, for a
        // read the framework makes at start and then rarely.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Distinct(_redis.Run("LRANGE", database => database.ListRange(_key), essential: true).Select(value => XElement.Parse((string)value!)).ToList());
            }
            catch (Exception ex) when (attempt < 4 && ex is RedisTimeoutException or RedisConnectionException)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(150 * attempt));
            }
        }
    }

    // The format of the framework's RedisXmlRepository (one unformatted element per list item), so rings stay readable both ways.
    private void Append(XElement element) =>
        // Essential: see RedisGateway.Run. Keys are made rarely, and one held in this process alone costs sign-ins elsewhere.
        _redis.Run("RPUSH", database => database.ListRightPush(_key, element.ToString(SaveOptions.DisableFormatting)), essential: true);

    private static IReadOnlyCollection<XElement> Distinct(IReadOnlyCollection<XElement> elements)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. elements.Where(e => KeyId(e) is not { } id || seen.Add(id))];
    }

    private static string? KeyId(XElement element) => element.Attribute("id")?.Value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the shared data-protection keys from Redis failed; using the keys this instance already has")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable: data-protection key {Key} is held by this instance only until Redis answers; cookies it protects are not valid on other instances until then")]
    private static partial void LogHeldLocally(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved {Count} data-protection keys made during a Redis outage to Redis")]
    private static partial void LogHeldKeysSaved(ILogger logger, int count);
}
