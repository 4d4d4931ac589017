namespace ProductBrowser.Catalog.Changes;

/// <summary>
/// Where this instance's change feed stands, for the dashboard and <c>/health</c>: the last applied position, changes
/// read but not applied yet (Redis unreachable), and invalidation lag (change recorded in PostgreSQL to applied here).
/// </summary>
public sealed class ChangeFeedStatus
{
    private const int MaxSamples = 2_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, double Milliseconds)> _lags = new();
    private readonly TimeProvider _time;
    private readonly CatalogMetrics _metrics;
    private DateTimeOffset _startedAt = DateTimeOffset.MaxValue;

    public ChangeFeedStatus(TimeProvider time, CatalogMetrics metrics)
    {
        _time = time;
        _metrics = metrics;
        metrics.ObserveChangeBacklog(() => Backlog);
    }

    public bool Running { get; private set; }

    /// <summary>The newest change (its <c>catalog_changes.position</c>) applied to the cache by this instance.</summary>
    public long Position { get; private set; }

    /// <summary>Changes read from PostgreSQL and waiting to be applied (0 while everything is applied).</summary>
    public int Backlog { get; private set; }

    public DateTimeOffset? LastAppliedAt { get; private set; }

    public DateTimeOffset? FailingSince { get; private set; }

    public string? LastError { get; private set; }

    public void Started()
    {
        Running = true;
        _startedAt = _time.GetUtcNow();
    }

    public void Applied(long position, IReadOnlyList<CatalogChange> changes)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Position = Math.Max(Position, position);
            Backlog = 0;
            LastAppliedAt = now;
            FailingSince = null;
            LastError = null;
            // Changes made before this instance started are catch-up, not lag.
            foreach (var change in changes.Count > MaxSamples ? changes.Skip(changes.Count - MaxSamples) : changes)
            {
                if (change.RecordedAt >= _startedAt)
                {
                    var lag = now - change.RecordedAt < TimeSpan.Zero ? TimeSpan.Zero : now - change.RecordedAt;
                    _lags.Enqueue((now, lag.TotalMilliseconds));
                    _metrics.RecordChangeLag(lag);
                }
            }

            while (_lags.Count > MaxSamples || (_lags.TryPeek(out var oldest) && now - oldest.At > Window))
            {
                _lags.Dequeue();
            }
        }
    }

    /// <summary>When changes were last applied again after a Redis connection failed (see <see cref="CatalogChangeFeed"/>).</summary>
    public DateTimeOffset? LastReplayAt { get; private set; }

    public void Replayed(int count)
    {
        LastReplayAt = _time.GetUtcNow();
        _metrics.RecordChangesReplayed(count);
    }

    public void Failed(int backlog, string error)
    {
        lock (_gate)
        {
            Backlog = backlog;
            FailingSince ??= _time.GetUtcNow();
            LastError = error;
        }
    }

    /// <summary>Invalidation lag percentiles (ms) over the changes of the last five minutes; null without any.</summary>
    public (double P50, double P99)? Lag()
    {
        double[] lags;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            lags = [.. _lags.Where(l => now - l.At <= Window).Select(l => l.Milliseconds)];
        }

        if (lags.Length == 0)
        {
            return null;
        }

        Array.Sort(lags);
        return (lags[(int)(0.50 * (lags.Length - 1))], lags[(int)(0.99 * (lags.Length - 1))]);
    }
}
