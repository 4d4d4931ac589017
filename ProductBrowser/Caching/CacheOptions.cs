using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.Caching;

/// <summary>Bound from the <c>Cache</c> section; the Redis address comes from <c>ConnectionStrings:Redis</c>.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Every key this app writes starts with this, so a flush or a format change never touches anything else.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_.-]{0,39}$",
        ErrorMessage = "Cache:KeyPrefix must be 1-40 lower-case letters, digits, '.', '_' or '-'.")]
    public string KeyPrefix { get; set; } = "productbrowser";

    /// <summary>How long a product stays in Redis after a miss loaded it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Cache:ProductTtl must be between 1 second and 7 days.")]
    public TimeSpan ProductTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an unknown SKU or barcode is remembered, so a misread scanned over and over does not reach PostgreSQL
    /// each time; short, so a product created meanwhile shows up soon.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Cache:NotFoundTtl must be between 1 second and 1 hour.")]
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after its TTL an entry is kept as a stale copy: served (marked STALE) only while PostgreSQL cannot
    /// answer, so a product read recently stays visible through a database outage.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Cache:StaleWindow must be between 0 and 30 days.")]
    public TimeSpan StaleWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Spread of TTLs (±percent), so entries written together do not all expire together.</summary>
    [Range(0, 50)]
    public int TtlJitterPercent { get; set; } = 10;

    /// <summary>How long a read waits for another read's load of the same product before loading on its own.</summary>
    [Range(100, 30_000)]
    public int SharedLoadWaitMilliseconds { get; set; } = 2_000;

    /// <summary>
    /// LISTEN for product changes announced by PostgreSQL and evict them (on by default). Off only where nothing but
    /// TTLs should keep the cache fresh.
    /// </summary>
    public bool ListenForChanges { get; set; } = true;

    /// <summary>Upper bound on one Redis call; past it the read goes to PostgreSQL and reports a cache error.</summary>
    [Range(50, 10_000)]
    public int OperationTimeoutMilliseconds { get; set; } = 500;

    /// <summary>
    /// Failures in a row after which Redis is not called at all for <see cref="BreakerDuration"/>: a hung or dead server
    /// then costs at most this many timeouts before reads go straight to PostgreSQL.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Cache:BreakerFailures must be between 1 and 100.")]
    public int BreakerFailures { get; set; } = 4;

    /// <summary>How long Redis is skipped once the breaker opens; then one trial call decides whether it closes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Cache:BreakerDuration must be between 100 ms and 5 minutes.")]
    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Keep product entries in this process too, in front of Redis (off by default). A hit then costs no I/O; the price is
    /// memory per instance and, if a removal message is lost, up to <see cref="MemoryTierTtl"/> of an old entry.
    /// </summary>
    public bool MemoryTier { get; set; }

    /// <summary>How long an instance keeps a product in memory (never longer than its Redis entry lives).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Cache:MemoryTierTtl must be between 1 second and 10 minutes.")]
    public TimeSpan MemoryTierTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many products per instance in memory; past it the least recently used make room.</summary>
    [Range(100, 1_000_000, ErrorMessage = "Cache:MemoryTierMaxEntries must be between 100 and 1,000,000.")]
    public int MemoryTierMaxEntries { get; set; } = 10_000;

    /// <summary>
    /// How long the mark a change leaves on an entry (a tombstone with the committed version) lives: a fill that read the
    /// row before the change and arrives later than this could store the old value, so a fill older than half of it is
    /// dropped instead of stored.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Cache:TombstoneTtl must be between 10 seconds and 1 day.")]
    public TimeSpan TombstoneTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// After a connection to a Redis node fails, the change feed applies again every change recorded from this long
    /// before the failure: a primary that dies can have acknowledged tombstones its replica never received, and the
    /// replica promoted in its place would otherwise serve the old entries as hits. It covers the replication lag at the
    /// moment of death and the time the client takes to notice it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Cache:FailoverReplayWindow must be between 1 second and 1 hour.")]
    public TimeSpan FailoverReplayWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the change feed is read even without a wake-up from PostgreSQL (a lost NOTIFY costs at most this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10", ErrorMessage = "Cache:ChangeFeedPollInterval must be between 100 ms and 10 seconds.")]
    public TimeSpan ChangeFeedPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long changes stay in <c>catalog_changes</c>. An instance whose cache cursor is older than this (or missing)
    /// replays the changes of the last <see cref="ProductTtl"/> instead: older changes cannot be behind a fresh entry.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "Cache:ChangeLogRetention must be between 1 hour and 90 days.")]
    public TimeSpan ChangeLogRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The TTL with its jitter applied: within ±<see cref="TtlJitterPercent"/> % of <paramref name="ttl"/>.</summary>
    public TimeSpan Jittered(TimeSpan ttl)
    {
        if (TtlJitterPercent == 0)
        {
            return ttl;
        }

        var spread = TtlJitterPercent / 100.0 * (Random.Shared.Next(-1_000, 1_001) / 1_000.0);
        return TimeSpan.FromMilliseconds(Math.Max(1_000, ttl.TotalMilliseconds * (1 + spread)));
    }
}
