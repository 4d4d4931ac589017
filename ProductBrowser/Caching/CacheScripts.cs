namespace ProductBrowser.Caching;

/// <summary>
/// The compare-and-set rules of versioned entries, each one Lua script on one key (atomic, and fine on Redis Cluster).
/// StackExchange.Redis sends them by SHA after the first call.
/// </summary>
internal static class CacheScripts
{
    /// <summary>
    /// Stores ARGV[2] (version ARGV[1]) for ARGV[3] ms unless the key holds a newer or equal value, or a newer tombstone:
    /// a fill that read an old row never overwrites what a later change left behind.
    /// </summary>
    public const string Fill = """
        local current = redis.call('GET', KEYS[1])
        if current then
            local separator = string.find(current, '|', 1, true)
            local held = separator and tonumber(string.sub(current, 1, separator - 1))
            if held then
                local version = tonumber(ARGV[1])
                if separator == #current then
                    if version < held then return 0 end
                elseif version <= held then
                    return 0
                end
            end
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>
    /// Leaves a tombstone at version ARGV[1] for ARGV[2] ms unless the key already holds that version or newer (a fill
    /// that read the committed row is fresh and stays). Applying a change twice, or an older one later, changes nothing.
    /// </summary>
    public const string Tombstone = """
        local current = redis.call('GET', KEYS[1])
        if current then
            local separator = string.find(current, '|', 1, true)
            local held = separator and tonumber(string.sub(current, 1, separator - 1))
            if held and held >= tonumber(ARGV[1]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1] .. '|', 'PX', ARGV[2])
        return 1
        """;

    /// <summary>Removes an entry but keeps a tombstone: an admin eviction must not reopen a change's race.</summary>
    public const string Evict = """
        local current = redis.call('GET', KEYS[1])
        if not current then return 0 end
        if string.sub(current, -1) == '|' then return 0 end
        return redis.call('DEL', KEYS[1])
        """;
}
