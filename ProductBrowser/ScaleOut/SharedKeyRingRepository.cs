using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace ProductBrowser.ScaleOut;

/// <summary>
/// The data-protection key ring in Redis, shared by every instance, so a sign-in cookie or an antiforgery token issued
/// by one instance is accepted by any other. Redis stays optional: while it cannot be reached this serves the keys it
/// last read plus keys made meanwhile, held in this process (sign-in keeps working on this instance, with a warning that
/// other instances cannot read what it protects), and writes the held keys to Redis once it answers again.
/// </summary>
public sealed partial class SharedKeyRingRepository(
    IConnectionMultiplexer redis, RedisKey key, ILogger<SharedKeyRingRepository> logger) : IXmlRepository
{
    private readonly RedisXmlRepository _shared = new(() => redis.GetDatabase(), key);
    private readonly Lock _gate = new();
    private readonly List<XElement> _held = [];
    private IReadOnlyCollection<XElement> _lastRead = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            SaveHeldKeys();
            var elements = _shared.GetAllElements();
            lock (_gate)
            {
                _lastRead = elements;
            }

            return elements;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogReadFailed(logger, ex);
            lock (_gate)
            {
                return [.. _lastRead, .. _held];
            }
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        try
        {
            _shared.StoreElement(element, friendlyName);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogHeldLocally(logger, ex, friendlyName);
            lock (_gate)
            {
                _held.Add(element);
            }
        }
    }

    private void SaveHeldKeys()
    {
        XElement[] held;
        lock (_gate)
        {
            held = [.. _held];
        }

        foreach (var element in held)
        {
            _shared.StoreElement(element, "");
            lock (_gate)
            {
                _held.Remove(element);
            }
        }

        if (held.Length > 0)
        {
            LogHeldKeysSaved(logger, held.Length);
        }
    }

    private static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the shared data-protection keys from Redis failed; using the keys this instance already has")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable: data-protection key {Key} is held by this instance only until Redis answers; cookies it protects are not valid on other instances until then")]
    private static partial void LogHeldLocally(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved {Count} data-protection keys made during a Redis outage to Redis")]
    private static partial void LogHeldKeysSaved(ILogger logger, int count);
}
