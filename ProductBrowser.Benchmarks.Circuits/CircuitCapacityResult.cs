namespace ProductBrowser.Benchmarks.Circuits;

/// <summary>One measurement: memory before, with the catalog tabs and with all tabs open, idle CPU, interaction latencies.</summary>
public sealed record CircuitCapacityResult(
    int Circuits,
    int CatalogPages,
    int DetailsPages,
    MemorySnapshot Before,
    MemorySnapshot WithCatalog,
    MemorySnapshot With,
    double IdleCpuPercent,
    TimeSpan IdleWindow,
    IReadOnlyList<double> InteractionMilliseconds,
    int ConnectedAtEnd,
    TimeSpan OpeningTime)
{
    public double ResidentPerCircuitKb => PerCircuitKb(Before.ResidentBytes, With.ResidentBytes, Circuits);

    public double ManagedPerCircuitKb => PerCircuitKb(Before.ManagedBytes, With.ManagedBytes, Circuits);

    public double HeapPerCircuitKb => PerCircuitKb(Before.HeapSizeBytes, With.HeapSizeBytes, Circuits);

    /// <summary>Per circuit of one page: (resident, managed, GC heap) KB for the catalog tabs, then for the details tabs.</summary>
    public (double Resident, double Managed, double Heap) CatalogPerCircuitKb => PerPage(Before, WithCatalog, CatalogPages);

    public (double Resident, double Managed, double Heap) DetailsPerCircuitKb => PerPage(WithCatalog, With, DetailsPages);

    private static (double, double, double) PerPage(MemorySnapshot from, MemorySnapshot to, int circuits) => (
        PerCircuitKb(from.ResidentBytes, to.ResidentBytes, circuits),
        PerCircuitKb(from.ManagedBytes, to.ManagedBytes, circuits),
        PerCircuitKb(from.HeapSizeBytes, to.HeapSizeBytes, circuits));

    private static double PerCircuitKb(long from, long to, int circuits) => (to - from) / 1024.0 / circuits;

    public double Percentile(double p)
    {
        var sorted = InteractionMilliseconds.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
