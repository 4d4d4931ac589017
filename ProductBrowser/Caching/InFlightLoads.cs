using System.Collections.Concurrent;

namespace ProductBrowser.Caching;

/// <summary>
/// Stampede protection within one app instance: concurrent misses of one key share a single load. The first caller
/// starts it; the others wait for it, at most <paramref name="maxWait"/>, then load on their own rather than hang.
/// Singleton: it must span every circuit's scoped services.
/// </summary>
/// <remarks>
/// A finished load stays visible for <paramref name="maxWait"/> to callers whose cache read began before it finished:
/// their read was sent before the load's fill, so it missed for that reason alone, however late their continuation ran
/// on a busy machine. A caller whose read began after the load finished missed for another reason (the fill failed or
/// was refused, the entry was removed) and loads again.
/// </remarks>
public class InFlightLoads<TKey, TResult>(TimeSpan maxWait, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Load> _loads = new();

    /// <summary>
    /// Runs <paramref name="load"/> for the key unless a load for it is already running, or finished after
    /// <paramref name="cacheReadStarted"/> (a <see cref="TimeProvider.GetTimestamp"/> taken before the caller's cache read);
    /// <c>Shared</c> is true for callers who used another's load.
    /// </summary>
    public async Task<(TResult Result, bool Shared)> RunAsync(TKey key, long cacheReadStarted, Func<Task<TResult>> load, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = new Load(new Lazy<Task<TResult>>(() => RunAndForgetAsync(key, load)));
            var current = _loads.GetOrAdd(key, mine);
            if (ReferenceEquals(current, mine))
            {
                return (await current.Task.Value.WaitAsync(cancellationToken), false);
            }

            if (Volatile.Read(ref current.FinishedAt) is var finished and not 0 && finished <= cacheReadStarted)
            {
                // Finished before this caller's read was even sent (or at the same tick, as on a test's frozen clock):
                // that read saw whatever the fill left, so this miss is news. Start over (once the finished load is gone,
                // this caller's own runs).
                _loads.TryRemove(new KeyValuePair<TKey, Load>(key, current));
                continue;
            }

            try
            {
                return (await current.Task.Value.WaitAsync(maxWait, cancellationToken), true);
            }
            catch (TimeoutException)
            {
                return (await load(), false);
            }
        }
    }

    private async Task<TResult> RunAndForgetAsync(TKey key, Func<Task<TResult>> load)
    {
        var entry = _loads.TryGetValue(key, out var running) ? running : null;
        try
        {
            return await load();
        }
        finally
        {
            if (entry is not null)
            {
                Volatile.Write(ref entry.FinishedAt, time.GetTimestamp());
                _ = ForgetLaterAsync(key, entry);
            }
            else
            {
                _loads.TryRemove(key, out _);
            }
        }
    }

    private async Task ForgetLaterAsync(TKey key, Load entry)
    {
        await Task.Delay(maxWait, time).ConfigureAwait(false);
        _loads.TryRemove(new KeyValuePair<TKey, Load>(key, entry));
    }

    private sealed class Load(Lazy<Task<TResult>> task)
    {
        public Lazy<Task<TResult>> Task { get; } = task;

        /// <summary>When the load finished (a <see cref="TimeProvider"/> timestamp); 0 while it runs.</summary>
        public long FinishedAt;
    }
}
