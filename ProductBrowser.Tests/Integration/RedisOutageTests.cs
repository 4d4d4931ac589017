using ProductBrowser.Catalog;
using ProductBrowser.Data.Seeding;
using ProductBrowser.LocalServers;
using ProductBrowser.Tests.Infrastructure;
using StackExchange.Redis;

namespace ProductBrowser.Tests.Integration;

/// <summary>Redis is an accelerator: stopping the real server must not stop product reads.</summary>
public sealed class RedisOutageTests(TestServers servers)
{
    private static readonly Guid Product = DemoCatalogGenerator.IdFor(2);

    [Fact]
    public async Task ReadStillReturnsTheProductFromPostgresWhenRedisIsStopped()
    {
        await using var redis = await servers.StartPrivateRedisAsync();
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, redis.ConnectionString);
        await Eventually.TrueAsync(() => services.Multiplexer.IsConnected, TimeSpan.FromSeconds(15));
        var before = await services.CreateQueryService().GetProductAsync(Product, TestContext.Current.CancellationToken);

        await redis.StopAsync(TestContext.Current.CancellationToken);
        var during = await services.CreateQueryService().GetProductAsync(Product, TestContext.Current.CancellationToken);

        Assert.Equal(CacheOutcome.Miss, before.Cache.Outcome);
        Assert.Equal(ProductReadStatus.Found, during.Status);
        Assert.Equal(Product, during.Product!.Id);
        Assert.Equal(CacheOutcome.Error, during.Cache.Outcome);
        Assert.NotNull(during.Cache.Error);
        Assert.NotNull(during.Cache.DatabaseMilliseconds);
    }

    [Fact]
    public async Task ReadsUseTheCacheAgainOnceRedisIsBack()
    {
        await using var redis = await servers.StartPrivateRedisAsync();
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, redis.ConnectionString);
        await redis.StopAsync(TestContext.Current.CancellationToken);
        var during = await services.CreateQueryService().GetProductAsync(Product, TestContext.Current.CancellationToken);

        await redis.StartAsync(TestContext.Current.CancellationToken);
        var multiplexer = services.Get<IConnectionMultiplexer>();
        await Eventually.TrueAsync(() => multiplexer.IsConnected, TimeSpan.FromSeconds(20));
        var miss = await services.CreateQueryService().GetProductAsync(Product, TestContext.Current.CancellationToken);
        var hit = await services.CreateQueryService().GetProductAsync(Product, TestContext.Current.CancellationToken);

        Assert.Equal(CacheOutcome.Error, during.Cache.Outcome);
        Assert.Equal(CacheOutcome.Miss, miss.Cache.Outcome);
        Assert.Equal(CacheOutcome.Hit, hit.Cache.Outcome);
    }

    [Fact]
    public async Task HungRedisOpensTheBreakerSoReadsStopWaitingThenItClosesWhenRedisAnswers()
    {
        await using var redis = await servers.StartPrivateRedisAsync();
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, redis.ConnectionString);
        // Connected first: a cold connection on a busy machine would read as "unavailable", not as a hung server.
        await Eventually.TrueAsync(() => services.Multiplexer.IsConnected, TimeSpan.FromSeconds(15));
        var reads = services.CreateQueryService();
        var before = await reads.GetProductAsync(Product, TestContext.Current.CancellationToken);
        Assert.Equal(CacheOutcome.Miss, before.Cache.Outcome);

        await redis.PauseAsync(TestContext.Current.CancellationToken);
        var duringOutage = new List<ProductReadResult>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                duringOutage.Add(await reads.GetProductAsync(Product, TestContext.Current.CancellationToken));
            }
        }
        finally
        {
            await redis.ResumeAsync(TestContext.Current.CancellationToken);
        }

        var store = services.Get<ProductBrowser.Caching.CacheStore>();
        await Eventually.TrueAsync(async () =>
            (await reads.GetProductAsync(Product, TestContext.Current.CancellationToken)).Cache.Outcome == CacheOutcome.Hit, TimeSpan.FromSeconds(20));

        Assert.All(duringOutage, r => Assert.Equal(Product, r.Product?.Id));
        Assert.All(duringOutage, r => Assert.Equal(CacheOutcome.Error, r.Cache.Outcome));
        Assert.Contains(duringOutage, r => r.Cache.Error == "Redis did not answer in time.");
        Assert.Equal("Redis unavailable (circuit open: not tried).", duringOutage[^1].Cache.Error);
        Assert.False(store.IsRedisUnavailable);
    }

    [Fact]
    public async Task ServicesStartAndReadFromPostgresWhenRedisWasNeverUp()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, $"127.0.0.1:{ServerPorts.Free()}");

        var read = await services.CreateQueryService().GetProductAsync(Product, TestContext.Current.CancellationToken);

        Assert.Equal(ProductReadStatus.Found, read.Status);
        Assert.Equal(CacheOutcome.Error, read.Cache.Outcome);
    }
}
