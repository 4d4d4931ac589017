using StackExchange.Redis;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that real time brings about (a Redis TTL running out, a client reconnecting). Not a retry of
/// an assertion: the assertion runs once, after the condition holds.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await HoldsAsync(condition, deadline))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout) =>
        TrueAsync(() => Task.FromResult(condition()), timeout);

    /// <summary>
    /// A probe that reads Redis through the app's client has the app's 500 ms timeout: on a shared machine that stalls,
    /// one such read can time out without anything being wrong. That probe is asked again; at the deadline the timeout
    /// is the answer.
    /// </summary>
    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition, DateTime deadline)
    {
        try
        {
            return await condition();
        }
        catch (RedisTimeoutException) when (DateTime.UtcNow < deadline)
        {
            return false;
        }
    }
}
