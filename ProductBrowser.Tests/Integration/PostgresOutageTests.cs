using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ProductBrowser.Catalog;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>PostgreSQL stopped for real: what Redis holds is still served; the rest says the catalog is unavailable.</summary>
public sealed class PostgresOutageTests(TestServers servers)
{
    [Fact]
    public async Task CachedProductsAreServedStaleAndOthersGetAClearMessageUntilPostgresReturns()
    {
        await using var postgres = await servers.StartPrivatePostgresAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = CatalogServices.Create(postgres.ConnectionString("catalog"), servers.RedisConnectionString,
            new Dictionary<string, string?> { ["Cache:ProductTtl"] = "00:01:00", ["Cache:TtlJitterPercent"] = "0" }, time);
        var cached = DemoCatalogGenerator.IdFor(1);
        var expired = DemoCatalogGenerator.IdFor(2);
        var uncached = DemoCatalogGenerator.IdFor(3);
        var reads = services.CreateQueryService();
        await reads.GetProductAsync(expired, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(2));
        await reads.GetProductAsync(cached, TestContext.Current.CancellationToken);

        await postgres.StopAsync(TestContext.Current.CancellationToken);
        NpgsqlConnection.ClearAllPools();
        var hit = await reads.GetProductAsync(cached, TestContext.Current.CancellationToken);
        var stale = await reads.GetProductAsync(expired, TestContext.Current.CancellationToken);
        var unavailable = await reads.GetProductAsync(uncached, TestContext.Current.CancellationToken);

        await postgres.StartAgainAsync(TestContext.Current.CancellationToken);
        var recovered = await reads.GetProductAsync(expired, TestContext.Current.CancellationToken);

        Assert.Equal(CacheOutcome.Hit, hit.Cache.Outcome);
        Assert.Equal(ProductReadStatus.Found, stale.Status);
        Assert.Equal(CacheOutcome.Stale, stale.Cache.Outcome);
        Assert.Equal(expired, stale.Product!.Id);
        Assert.Equal(ProductReadStatus.Unavailable, unavailable.Status);
        Assert.Equal(ProductReadStatus.Found, recovered.Status);
        Assert.Equal(CacheOutcome.Miss, recovered.Cache.Outcome);
    }
}
