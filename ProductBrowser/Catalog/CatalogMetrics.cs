using System.Diagnostics.Metrics;

namespace ProductBrowser.Catalog;

/// <summary>
/// The catalog's instruments on the <c>ProductBrowser</c> meter: product reads by outcome with their latency, time in
/// PostgreSQL on a miss, the change feed's invalidation lag and backlog, and the read replica's lag. OpenTelemetry exports them, and the admin
/// dashboard's figures are computed from the same measurements (Diagnostics), so there is one bookkeeping.
/// </summary>
public sealed class CatalogMetrics
{
    public const string MeterName = "ProductBrowser";

    public const string ReadDurationName = "productbrowser.product.read.duration";

    /// <summary>The outcome tag of a read: hit (from Redis or, with <c>tier=memory</c>, this process), miss, not_found, stale or error.</summary>
    public const string OutcomeTag = "outcome";

    private static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private static readonly KeyValuePair<string, object?> Hit = new(OutcomeTag, "hit");
    private static readonly KeyValuePair<string, object?> Miss = new(OutcomeTag, "miss");
    private static readonly KeyValuePair<string, object?> NotFound = new(OutcomeTag, "not_found");
    private static readonly KeyValuePair<string, object?> Stale = new(OutcomeTag, "stale");
    private static readonly KeyValuePair<string, object?> Error = new(OutcomeTag, "error");
    private static readonly KeyValuePair<string, object?> FromRedis = new("tier", "redis");
    private static readonly KeyValuePair<string, object?> FromMemory = new("tier", "memory");
    private static readonly KeyValuePair<string, object?> FromDatabase = new("tier", "database");

    private readonly Counter<long> _reads;
    private readonly Histogram<double> _readDuration;
    private readonly Histogram<double> _databaseDuration;
    private readonly Histogram<double> _changeLag;
    private readonly Counter<long> _changesReplayed;

    public CatalogMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _reads = Meter.CreateCounter<long>("productbrowser.product.reads", unit: "{read}", description: "Product detail reads, by outcome.");
        _readDuration = Meter.CreateHistogram(ReadDurationName, unit: "s",
            description: "Time to answer one product detail read, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _databaseDuration = Meter.CreateHistogram("productbrowser.product.database.duration", unit: "s",
            description: "Time in PostgreSQL of a product read that missed the cache (one load however many reads share it).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _changeLag = Meter.CreateHistogram("productbrowser.change_feed.lag", unit: "s",
            description: "From a catalog change committed in PostgreSQL to its invalidation applied to the cache by this instance.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _changesReplayed = Meter.CreateCounter<long>("productbrowser.change_feed.replayed", unit: "{change}",
            description: "Changes applied to Redis again after a connection to a Redis node failed (a failover can lose the last acknowledged writes).");
    }

    /// <summary>This instance's meter (meters of other app instances in the same process are other objects).</summary>
    public Meter Meter { get; }

    public void RecordRead(ProductReadResult read)
    {
        var (outcome, tier) = Classify(read);
        var seconds = read.Cache.TotalMilliseconds / 1_000;
        _reads.Add(1, outcome, tier);
        _readDuration.Record(seconds, outcome, tier);
    }

    public void RecordDatabaseLoad(TimeSpan elapsed) => _databaseDuration.Record(elapsed.TotalSeconds);

    public void RecordChangeLag(TimeSpan lag) => _changeLag.Record(lag.TotalSeconds);

    public void RecordChangesReplayed(int count) => _changesReplayed.Add(count);

    /// <summary>The change feed's backlog, read whenever metrics are collected.</summary>
    public void ObserveChangeBacklog(Func<int> backlog) =>
        Meter.CreateObservableGauge("productbrowser.change_feed.backlog", backlog, unit: "{change}",
            description: "Changes read from PostgreSQL and not applied to the cache yet (Redis unreachable).");

    public const string ReplicaLagName = "productbrowser.catalog.replica.lag";

    /// <summary>
    /// The read replica's measured lag, read whenever metrics are collected: nothing is reported before the first
    /// measurement or while it cannot be told (a server down).
    /// </summary>
    public void ObserveReplicaLag(Func<Replication.ReplicaLag?> latest)
    {
        Meter.CreateObservableGauge(ReplicaLagName, () => latest() is { Replay: { } replay } ? [new Measurement<double>(replay.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "How far the read replica's applied data is behind the primary (0 once it has applied all the primary's WAL).");
        Meter.CreateObservableGauge("productbrowser.catalog.replica.lag_bytes",
            () => latest() is { BehindBytes: { } bytes } ? [new Measurement<long>(bytes)] : Array.Empty<Measurement<long>>(),
            unit: "By", description: "WAL written by the primary and not yet applied by the read replica.");
    }

    private static (KeyValuePair<string, object?> Outcome, KeyValuePair<string, object?> Tier) Classify(ProductReadResult read) => read.Cache.Outcome switch
    {
        CacheOutcome.Error => (Error, FromDatabase),
        CacheOutcome.Stale => (Stale, FromRedis),
        _ when read.Status == ProductReadStatus.Unavailable => (Error, FromDatabase),
        CacheOutcome.Memory => (read.Status == ProductReadStatus.NotFound ? NotFound : Hit, FromMemory),
        CacheOutcome.Hit => (read.Status == ProductReadStatus.NotFound ? NotFound : Hit, FromRedis),
        _ => (read.Status == ProductReadStatus.NotFound ? NotFound : Miss, FromDatabase),
    };
}
