using Microsoft.EntityFrameworkCore;
using ProductBrowser.Admin;
using ProductBrowser.Catalog;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>The admin tools against the real Redis: they act on this app's keys and nothing else.</summary>
public sealed class CacheAdministrationTests(TestServers servers) : CatalogServicesTest(servers)
{
    [Fact]
    public async Task FlushRemovesThisAppsKeysAndLeavesOthersAlone()
    {
        var outsider = $"someone-else:{Guid.NewGuid():N}";
        await Services.Redis.StringSetAsync(outsider, "keep me", TimeSpan.FromMinutes(5));
        var reads = Services.CreateQueryService();
        await reads.GetProductAsync(DemoCatalogGenerator.IdFor(31), Cancellation);
        await reads.GetProductAsync(DemoCatalogGenerator.IdFor(32), Cancellation);

        var removed = await Services.Get<CacheAdministration>().FlushAsync("tester", Cancellation);

        Assert.Equal(2, removed);
        Assert.Equal("keep me", (string?)await Services.Redis.StringGetAsync(outsider));
        Assert.Equal(CacheOutcome.Miss, (await reads.GetProductAsync(DemoCatalogGenerator.IdFor(31), Cancellation)).Cache.Outcome);
    }

    [Fact]
    public async Task EvictedProductIsAMissOnItsNextRead()
    {
        var id = DemoCatalogGenerator.IdFor(33);
        var reads = Services.CreateQueryService();
        await reads.GetProductAsync(id, Cancellation);

        var existed = await Services.Get<CacheAdministration>().EvictAsync(id, "tester", Cancellation);
        var next = await reads.GetProductAsync(id, Cancellation);

        Assert.True(existed);
        Assert.Equal(CacheOutcome.Miss, next.Cache.Outcome);
    }

    [Fact]
    public async Task WarmedProductsAreHitsAndTheInspectorShowsThem()
    {
        var progress = new List<int>();
        await using var db = await Services.Get<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync(Cancellation);
        var firstByName = await db.Products.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(60).Select(p => p.Id).ToListAsync(Cancellation);

        var warmed = await Services.Get<CacheAdministration>().WarmAsync(60, "tester", new SynchronousProgress(progress), Cancellation);
        var sqlAfterWarm = Services.Sql.Count;
        var reads = new List<ProductReadResult>();
        foreach (var id in firstByName)
        {
            reads.Add(await Services.CreateQueryService().GetProductAsync(id, Cancellation));
        }

        var inspection = await Services.Get<CacheAdministration>().InspectAsync(firstByName[0].ToString(), Cancellation);

        Assert.Equal(60, warmed);
        Assert.Equal(60, progress[^1]);
        Assert.All(reads, r => Assert.Equal(CacheOutcome.Hit, r.Cache.Outcome));
        Assert.Equal(sqlAfterWarm, Services.Sql.Count);
        Assert.True(inspection.Single().Cached);
        Assert.Contains("\"sku\"", inspection[0].Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatisticsCountHitsMissesAndQueriesSaved()
    {
        var reads = Services.CreateQueryService();
        var statistics = Services.Get<CacheStatistics>();
        statistics.Reset();

        await reads.GetProductAsync(DemoCatalogGenerator.IdFor(34), Cancellation);
        await reads.GetProductAsync(DemoCatalogGenerator.IdFor(34), Cancellation);
        await reads.GetProductAsync(DemoCatalogGenerator.IdFor(34), Cancellation);
        await reads.GetProductAsync(Guid.NewGuid(), Cancellation);
        var figures = statistics.SinceStart();

        Assert.Equal(4, figures.Reads);
        Assert.Equal(2, figures.Hits);
        Assert.Equal(1, figures.Misses);
        Assert.Equal(1, figures.NotFound);
        Assert.Equal(2.0 / 3, figures.HitRatio!.Value, 3);
        Assert.Equal(2, figures.DatabaseQueriesSaved);
        Assert.NotNull(figures.Latency.HitP95);
        Assert.Equal(figures.Reads, statistics.LastFiveMinutes().Reads);
    }

    private sealed class SynchronousProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value) => values.Add(value);
    }
}
