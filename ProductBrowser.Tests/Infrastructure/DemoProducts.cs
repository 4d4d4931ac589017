using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>Products of the demo catalog the test servers hold (the default seed), as the generator makes them.</summary>
public static class DemoProducts
{
    public static readonly DemoCatalogGenerator Generator = new(new DemoCatalogOptions().Seed);

    /// <summary>The first demo product with both a case and a pallet GTIN.</summary>
    public static Product WithCaseAndPallet() =>
        Enumerable.Range(1, TestServers.DemoProductCount).Select(n => Generator.Create(n)).First(p => p.Packs.Count == 2);
}
