using ProductBrowser.Catalog.Changes;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>The dashboard's consistency check: cached entries compared with PostgreSQL, "N stale of M sampled".</summary>
public sealed class CacheConsistencySamplerTests(TestServers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CacheKeptFreshByTheFeedHasNoStaleEntries()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        var feed = services.Get<CatalogChangeFeed>();
        await feed.StartAsync(Cancellation);
        await feed.CaughtUp.WaitAsync(TimeSpan.FromSeconds(20), Cancellation);
        foreach (var n in Enumerable.Range(1, 30))
        {
            await services.CreateQueryService().GetProductAsync(DemoCatalogGenerator.IdFor(n), Cancellation);
        }

        await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);
        var written = await CatalogDatabase.ScalarAsync<long>(servers.CatalogConnectionString,
            "UPDATE products SET name = 'Changed before the check' WHERE id = $1 RETURNING revision", product.Id);
        await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(services.Keys.Product(product.Id)) == (written, true), TimeSpan.FromSeconds(10));

        var sample = await services.Get<CacheConsistencySampler>().SampleAsync(200, Cancellation);

        Assert.Equal(30, sample.Sampled);
        Assert.Empty(sample.Stale);
        await feed.StopAsync(Cancellation);
    }

    [Fact]
    public async Task EntryThatMissedAChangeIsReportedStale()
    {
        // Without the feed nothing applies the change: the entry is what a lost invalidation would leave.
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString,
            new Dictionary<string, string?> { ["Cache:ListenForChanges"] = "false" });
        await Eventually.TrueAsync(() => services.Multiplexer.IsConnected, TimeSpan.FromSeconds(15));
        await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);
        await services.CreateQueryService().GetProductAsync(DemoCatalogGenerator.IdFor(2), Cancellation);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Changed behind the cache' WHERE id = $1", product.Id);
        var sample = await services.Get<CacheConsistencySampler>().SampleAsync(200, Cancellation);

        Assert.Equal(2, sample.Sampled);
        Assert.Equal(product.Id, Assert.Single(sample.Stale));
    }
}
