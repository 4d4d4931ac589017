using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ProductBrowser.Catalog;
using ProductBrowser.ScaleOut;

namespace ProductBrowser.Diagnostics;

/// <summary>
/// The admin dashboard's figures for this app instance: counters since start (or the last reset) and recent samples for
/// the last five minutes and for latency percentiles. Computed from the catalog's own read instrument
/// (<see cref="CatalogMetrics.ReadDurationName"/>, the one OpenTelemetry exports) by listening to it, so the dashboard
/// and a Prometheus scrape count the same reads. Only this instance's meter is listened to.
/// </summary>
public sealed class CacheStatistics : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const int MaxSamples = 20_000;
    private readonly ConcurrentQueue<ReadSample> _samples = new();
    private int _sampleCount;
    private long _hits;
    private long _misses;
    private long _notFound;
    private long _errors;
    private long _stale;

    private readonly TimeProvider _time;
    private readonly MeterListener _listener;

    public CacheStatistics(CatalogMetrics metrics, TimeProvider time, IOptions<InstanceOptions> instance)
    {
        _time = time;
        Instance = instance.Value.Name.Length > 0
            ? $"{instance.Value.Name} ({Environment.MachineName}, pid {Environment.ProcessId})"
            : $"{Environment.MachineName} (pid {Environment.ProcessId})";
        Since = time.GetUtcNow();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == CatalogMetrics.ReadDurationName)
                {
                    listener.EnableMeasurementEvents(instrument, this);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>(static (_, seconds, tags, state) => ((CacheStatistics)state!).Record(seconds, tags));
        _listener.Start();
    }

    /// <summary>Which instance these figures are from: <c>Instance:Name</c> when set (as in <c>X-Instance</c>), and the host.</summary>
    public string Instance { get; }

    public DateTimeOffset Since { get; private set; }

    public void Dispose() => _listener.Dispose();

    private void Record(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var kind = Classify(tags);
        _ = kind switch
        {
            ReadKind.Hit => Interlocked.Increment(ref _hits),
            ReadKind.Miss => Interlocked.Increment(ref _misses),
            ReadKind.NotFound => Interlocked.Increment(ref _notFound),
            ReadKind.Stale => Interlocked.Increment(ref _stale),
            _ => Interlocked.Increment(ref _errors),
        };
        _samples.Enqueue(new ReadSample(_time.GetUtcNow(), kind, seconds * 1_000));
        // ConcurrentQueue.Count walks the queue's segments: keep a counter instead, on the hot path.
        if (Interlocked.Increment(ref _sampleCount) > MaxSamples && _samples.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _sampleCount);
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
        Interlocked.Exchange(ref _notFound, 0);
        Interlocked.Exchange(ref _errors, 0);
        Interlocked.Exchange(ref _stale, 0);
        _samples.Clear();
        Interlocked.Exchange(ref _sampleCount, 0);
        Since = _time.GetUtcNow();
    }

    public CacheFigures SinceStart() => new(
        Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _notFound),
        Interlocked.Read(ref _errors), Interlocked.Read(ref _stale), Percentiles([.. _samples]));

    public CacheFigures LastFiveMinutes()
    {
        var from = _time.GetUtcNow() - Window;
        var recent = _samples.Where(s => s.At >= from).ToList();
        return new CacheFigures(
            recent.Count(s => s.Kind == ReadKind.Hit), recent.Count(s => s.Kind == ReadKind.Miss),
            recent.Count(s => s.Kind == ReadKind.NotFound), recent.Count(s => s.Kind == ReadKind.Error),
            recent.Count(s => s.Kind == ReadKind.Stale), Percentiles(recent));
    }

    /// <summary>Hits and misses per interval over the last five minutes, oldest first, for the chart.</summary>
    public IReadOnlyList<(DateTimeOffset Start, int Hits, int Misses)> Timeline(TimeSpan interval)
    {
        var now = _time.GetUtcNow();
        var buckets = (int)(Window / interval);
        var start = now - interval * buckets;
        var result = Enumerable.Range(0, buckets).Select(i => (Start: start + interval * i, Hits: 0, Misses: 0)).ToArray();
        foreach (var sample in _samples)
        {
            var index = (int)((sample.At - start) / interval);
            if (index >= 0 && index < buckets)
            {
                result[index] = sample.Kind == ReadKind.Hit
                    ? result[index] with { Hits = result[index].Hits + 1 }
                    : result[index] with { Misses = result[index].Misses + 1 };
            }
        }

        return result;
    }

    private static ReadKind Classify(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == CatalogMetrics.OutcomeTag)
            {
                return (tag.Value as string) switch
                {
                    "hit" => ReadKind.Hit,
                    "miss" => ReadKind.Miss,
                    "not_found" => ReadKind.NotFound,
                    "stale" => ReadKind.Stale,
                    _ => ReadKind.Error,
                };
            }
        }

        return ReadKind.Error;
    }

    private static LatencyFigures Percentiles(IReadOnlyCollection<ReadSample> samples)
    {
        var hits = samples.Where(s => s.Kind == ReadKind.Hit).Select(s => s.Milliseconds).Order().ToArray();
        var misses = samples.Where(s => s.Kind == ReadKind.Miss).Select(s => s.Milliseconds).Order().ToArray();
        return new LatencyFigures(At(hits, 0.5), At(hits, 0.95), At(misses, 0.5), At(misses, 0.95));

        static double? At(double[] sorted, double p) =>
            sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private enum ReadKind
    {
        Hit,
        Miss,
        NotFound,
        Error,
        Stale,
    }

    // A struct: the queue stores samples inline in its segments, so recording a read allocates nothing.
    private readonly record struct ReadSample(DateTimeOffset At, ReadKind Kind, double Milliseconds);
}

/// <summary>Counts of reads by outcome and latency percentiles (ms) of hits and misses; null while there are none.</summary>
public sealed record CacheFigures(long Hits, long Misses, long NotFound, long Errors, long Stale, LatencyFigures Latency)
{
    public long Reads => Hits + Misses + NotFound + Errors + Stale;

    /// <summary>Hits over hits and misses; null while nothing was read.</summary>
    public double? HitRatio => Hits + Misses == 0 ? null : (double)Hits / (Hits + Misses);

    /// <summary>Each hit is a query PostgreSQL did not have to answer.</summary>
    public long DatabaseQueriesSaved => Hits;
}

public sealed record LatencyFigures(double? HitP50, double? HitP95, double? MissP50, double? MissP95);
