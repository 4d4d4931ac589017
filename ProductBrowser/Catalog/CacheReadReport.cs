namespace ProductBrowser.Catalog;

/// <summary>
/// How one read was served, measured by the service so pages need no stopwatch. <see cref="DatabaseMilliseconds"/> is
/// null when PostgreSQL was not queried; <see cref="TimeToLive"/> is null when nothing is cached under the key.
/// <see cref="SharedLoad"/> says the read waited for a concurrent read's query instead of sending its own.
/// </summary>
public sealed record CacheReadReport(
    CacheOutcome Outcome,
    string Key,
    double RedisMilliseconds,
    double? DatabaseMilliseconds,
    double TotalMilliseconds,
    TimeSpan? TimeToLive,
    string? Error = null,
    bool SharedLoad = false);
