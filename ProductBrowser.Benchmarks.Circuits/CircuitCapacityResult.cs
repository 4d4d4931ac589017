namespace ProductBrowser.Benchmarks.Circuits;

/// <summary>One measurement: memory before and with the circuits open, idle CPU, and interaction latencies.</summary>
public sealed record CircuitCapacityResult(
    int Circuits,
    int CatalogPages,
    int DetailsPages,
    MemorySnapshot Before,
    MemorySnapshot With,
    double IdleCpuPercent,
    TimeSpan IdleWindow,
    IReadOnlyList<double> InteractionMilliseconds,
    int ConnectedAtEnd,
    TimeSpan OpeningTime)
{
    public double ResidentPerCircuitKb => (With.ResidentBytes - Before.ResidentBytes) / 1024.0 / Circuits;

    public double ManagedPerCircuitKb => (With.ManagedBytes - Before.ManagedBytes) / 1024.0 / Circuits;

    public double HeapPerCircuitKb => (With.HeapSizeBytes - Before.HeapSizeBytes) / 1024.0 / Circuits;

    public double Percentile(double p)
    {
        var sorted = InteractionMilliseconds.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
