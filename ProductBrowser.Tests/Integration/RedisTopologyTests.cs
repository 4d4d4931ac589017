using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;
using StackExchange.Redis;

namespace ProductBrowser.Tests.Integration;

/// <summary>The cache on Redis deployments beyond one plain node: a cluster (hash-slot rules) and Sentinel.</summary>
public sealed class RedisTopologyTests(TestServers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EvictionAndFlushWorkOnRedisCluster()
    {
        await using var cluster = await servers.StartRedisClusterAsync();
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, cluster.ConnectionString);
        var ids = Enumerable.Range(1, 20).Select(n => DemoCatalogGenerator.IdFor(n)).ToArray();
        var first = (await services.CreateQueryService().GetProductAsync(ids[0], Cancellation)).Product!;
        await services.Services.CreateScope().ServiceProvider.GetRequiredService<ISkuLookupService>().LookupAsync(first.Sku, Cancellation);
        foreach (var id in ids.Skip(1))
        {
            await services.CreateQueryService().GetProductAsync(id, Cancellation);
        }

        var redis = services.Get<IConnectionMultiplexer>();
        var invalidator = services.Get<ProductCacheInvalidator>();
        await invalidator.ApplyAsync([new CatalogChange(first.Id, null, first.Revision + 1, [first.Sku], [first.CategoryId])], Cancellation);
        var tombstone = await services.Redis.VersionAsync(services.Keys.Product(first.Id));
        var flushed = await invalidator.FlushAsync(Cancellation);
        var remaining = await Task.WhenAll(ids.Select(id => services.Redis.KeyExistsAsync(services.Keys.Product(id))));

        var node = redis.GetServers().First(s => s.IsConnected);
        var slots = await Task.WhenAll(ids.Select(id => node.ExecuteAsync("CLUSTER", "KEYSLOT", services.Keys.Product(id).ToString())));
        Assert.Equal(ServerType.Cluster, node.ServerType);
        Assert.True(slots.Select(slot => (long)slot).Distinct().Count() > 1, "The keys should span hash slots.");
        Assert.Equal((first.Revision + 1, true), tombstone);
        // Every product entry, including the changed one's tombstone, and the code's tombstone.
        Assert.Equal(ids.Length + 1, flushed);
        Assert.False(await services.Redis.KeyExistsAsync(services.Keys.Code(first.Sku)));
        Assert.DoesNotContain(true, remaining);
    }

    [Fact]
    public async Task ReadsAreCachedThroughTheSentinelsPrimary()
    {
        await using var primary = await servers.StartPrivateRedisAsync();
        await using var sentinel = await servers.StartRedisSentinelAsync(primary, "productbrowser");
        await using var services = CatalogServices.Create(servers.CatalogConnectionString,
            $"{sentinel.ConnectionString},serviceName=productbrowser");
        var id = DemoCatalogGenerator.IdFor(9);

        var first = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        var second = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        await using var direct = await ConnectionMultiplexer.ConnectAsync(primary.ConnectionString);

        Assert.Equal(CacheOutcome.Miss, first.Cache.Outcome);
        Assert.Equal(CacheOutcome.Hit, second.Cache.Outcome);
        Assert.True(await direct.GetDatabase().KeyExistsAsync(services.Keys.Product(id)));
    }
}
