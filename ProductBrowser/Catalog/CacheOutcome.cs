namespace ProductBrowser.Catalog;

/// <summary>How the cache took part in a read.</summary>
public enum CacheOutcome
{
    /// <summary>Served from Redis; PostgreSQL was not touched.</summary>
    Hit,

    /// <summary>Not in Redis: loaded from PostgreSQL (and stored when found).</summary>
    Miss,

    /// <summary>Redis failed or timed out; the read fell back to PostgreSQL.</summary>
    Error,

    /// <summary>PostgreSQL could not answer; an expired copy from Redis was served instead.</summary>
    Stale,

    /// <summary>Served from this instance's in-memory tier (when enabled); neither Redis nor PostgreSQL was touched.</summary>
    Memory,
}
