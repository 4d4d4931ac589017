using System.Collections.Concurrent;

namespace ProductBrowser.Caching;

/// <summary>
/// Stampede protection within one app instance: concurrent misses of one key share a single load. The first caller
/// starts it; the others wait for it, at most <paramref name="maxWait"/>, then load on their own rather than hang.
/// Singleton: it must span every circuit's scoped services.
/// </summary>
public class InFlightLoads<TKey, TResult>(TimeSpan maxWait)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TResult>>> _loads = new();

    /// <summary>Runs <paramref name="load"/> for the key unless a load for it is already running; <c>Shared</c> is true for waiters.</summary>
    public async Task<(TResult Result, bool Shared)> RunAsync(TKey key, Func<Task<TResult>> load, CancellationToken cancellationToken)
    {
        var mine = new Lazy<Task<TResult>>(() => RunAndForgetAsync(key, load));
        var current = _loads.GetOrAdd(key, mine);
        if (ReferenceEquals(current, mine))
        {
            return (await current.Value.WaitAsync(cancellationToken), false);
        }

        try
        {
            return (await current.Value.WaitAsync(maxWait, cancellationToken), true);
        }
        catch (TimeoutException)
        {
            return (await load(), false);
        }
    }

    private async Task<TResult> RunAndForgetAsync(TKey key, Func<Task<TResult>> load)
    {
        try
        {
            return await load();
        }
        finally
        {
            _loads.TryRemove(key, out _);
        }
    }
}
