using StackExchange.Redis;

namespace ProductBrowser.Caching;

/// <summary>The one rule for "Redis could not answer", and what a reader is told about it.</summary>
public static class RedisFailures
{
    public const string OpenMessage = "Redis unavailable (circuit open: not tried).";

    /// <summary>The failures that count against Redis (anything else is a bug and is rethrown by the caller).</summary>
    public static bool IsRedisFailure(Exception ex) =>
        ex is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>What a reader is told in the cache panel.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        TimeoutException => "Redis did not answer in time.",
        RedisConnectionException => "Redis is unavailable.",
        _ when ex.Message == OpenMessage => OpenMessage,
        _ => "Redis returned an error.",
    };
}
