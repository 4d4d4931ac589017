namespace ProductBrowser.Components.Lookup;

/// <summary>The device's last lookups, newest first, without repeats, at most <see cref="Capacity"/>.</summary>
public static class RecentLookups
{
    public const int Capacity = 10;

    public static IReadOnlyList<RecentLookup> Add(IReadOnlyList<RecentLookup> current, RecentLookup lookup) =>
        [lookup, .. current.Where(r => !string.Equals(r.Sku, lookup.Sku, StringComparison.Ordinal)).Take(Capacity - 1)];
}
