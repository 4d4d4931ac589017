using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.Data.Seeding;

/// <summary>The generated demo catalog. Off unless asked for (the run script turns it on).</summary>
public sealed class DemoCatalogOptions
{
    public const string SectionName = "DemoCatalog";

    public bool Enabled { get; set; }

    [Range(1, 50_000_000)]
    public int ProductCount { get; set; } = 50_000;

    /// <summary>Same seed, same catalog: names, weights and SKUs are a pure function of (seed, product number).</summary>
    public int Seed { get; set; } = 20_241;

    [Range(100, 500_000)]
    public int BatchSize { get; set; } = 50_000;
}
