namespace ProductBrowser.Data.Seeding;

/// <summary>
/// SplitMix64: a tiny, allocation-free generator whose stream depends only on its seed, so product number n
/// always gets the same values whatever order or batch it is generated in.
/// </summary>
internal struct DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public static DeterministicRandom For(int seed, long productNumber) =>
        new(unchecked(((ulong)(uint)seed << 32) ^ ((ulong)productNumber * 0x9E3779B97F4A7C15UL)));

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
