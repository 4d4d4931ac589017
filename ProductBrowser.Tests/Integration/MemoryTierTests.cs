using Microsoft.Extensions.Time.Testing;
using ProductBrowser.Admin;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>The optional in-process tier in front of Redis, against the real servers, on one and on two instances.</summary>
public sealed class MemoryTierTests(TestServers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> MemoryOn(string? prefix = null) => new()
    {
        ["Cache:MemoryTier"] = "true",
        ["Cache:KeyPrefix"] = prefix ?? $"mem{Guid.NewGuid():N}"[..20],
    };

    [Fact]
    public async Task IsOffByDefaultSoRepeatedReadsAreRedisHits()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        var id = DemoCatalogGenerator.IdFor(61);
        await services.CreateQueryService().GetProductAsync(id, Cancellation);

        var again = await services.CreateQueryService().GetProductAsync(id, Cancellation);

        Assert.Equal(CacheOutcome.Hit, again.Cache.Outcome);
        Assert.False(services.Get<ProductMemoryTier>().Enabled);
    }

    [Fact]
    public async Task WhenOnASecondReadIsServedFromMemoryWithoutRedisOrPostgres()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn());
        var id = DemoCatalogGenerator.IdFor(62);
        var first = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        // Gone from Redis: only the in-memory copy can answer now.
        await services.Redis.KeyDeleteAsync(services.Keys.Product(id));

        var second = services.CreateQueryService().GetProductAsync(id, Cancellation);

        Assert.True(second.IsCompletedSuccessfully, "A memory hit completes without I/O.");
        Assert.Equal(CacheOutcome.Miss, first.Cache.Outcome);
        Assert.Equal(CacheOutcome.Memory, (await second).Cache.Outcome);
        Assert.Equal(first.Product, (await second).Product);
        Assert.Null((await second).Cache.DatabaseMilliseconds);
        Assert.Equal(1, services.Get<CacheStatistics>().SinceStart().Hits);
    }

    [Fact]
    public async Task EntriesLeaveMemoryAfterTheirTtl()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn(), time);
        var id = DemoCatalogGenerator.IdFor(63);
        await services.CreateQueryService().GetProductAsync(id, Cancellation);
        Assert.Equal(CacheOutcome.Memory, (await services.CreateQueryService().GetProductAsync(id, Cancellation)).Cache.Outcome);

        time.Advance(new CacheOptions().MemoryTierTtl + TimeSpan.FromSeconds(1));
        var later = await services.CreateQueryService().GetProductAsync(id, Cancellation);

        Assert.Equal(CacheOutcome.Hit, later.Cache.Outcome);
    }

    [Fact]
    public async Task AnEvictionOnOneInstanceEmptiesTheOtherInstancesMemory()
    {
        var prefix = $"mem2{Guid.NewGuid():N}"[..20];
        await using var instanceA = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn(prefix));
        await using var instanceB = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn(prefix));
        var id = DemoCatalogGenerator.IdFor(64);
        await instanceB.CreateQueryService().GetProductAsync(id, Cancellation);
        Assert.Equal(CacheOutcome.Memory, (await instanceB.CreateQueryService().GetProductAsync(id, Cancellation)).Cache.Outcome);

        await instanceA.Get<CacheAdministration>().EvictAsync(id, "tester", Cancellation);

        await Eventually.TrueAsync(() => !instanceB.Get<ProductMemoryTier>().TryGet(id, out _), TimeSpan.FromSeconds(5));
        Assert.Equal(CacheOutcome.Miss, (await instanceB.CreateQueryService().GetProductAsync(id, Cancellation)).Cache.Outcome);
    }

    [Fact]
    public async Task AFlushOnOneInstanceEmptiesTheOtherInstancesMemory()
    {
        var prefix = $"mem3{Guid.NewGuid():N}"[..20];
        await using var instanceA = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn(prefix));
        await using var instanceB = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn(prefix));
        var ids = new[] { DemoCatalogGenerator.IdFor(65), DemoCatalogGenerator.IdFor(66) };
        foreach (var id in ids)
        {
            await instanceB.CreateQueryService().GetProductAsync(id, Cancellation);
        }
        Assert.All(ids, id => Assert.True(instanceB.Get<ProductMemoryTier>().TryGet(id, out _)));

        await instanceA.Get<CacheAdministration>().FlushAsync("tester", Cancellation);

        await Eventually.TrueAsync(() => ids.All(id => !instanceB.Get<ProductMemoryTier>().TryGet(id, out _)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnExternalUpdateReplacesTheInMemoryCopy()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn());
        var listener = services.Get<CatalogChangeFeed>();
        await listener.StartAsync(Cancellation);
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Renamed while held in memory' WHERE id = $1", product.Id);

        await Eventually.TrueAsync(async () =>
            (await services.CreateQueryService().GetProductAsync(product.Id, Cancellation)).Product?.Name == "Renamed while held in memory",
            TimeSpan.FromSeconds(5));
        await listener.StopAsync(Cancellation);
    }

    [Fact]
    public async Task AReadThatRacedAnEvictionDoesNotPutTheOldValueBack()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn());
        var tier = services.Get<ProductMemoryTier>();
        var id = DemoCatalogGenerator.IdFor(67);
        var old = (await services.CreateQueryService().GetProductAsync(id, Cancellation)).Product;
        // Without a removal in between, the same Set keeps the entry: the refusal below is the generation check's.
        tier.Set(id, new CachedProduct(old, DateTimeOffset.UtcNow.AddHours(1)), tier.Generation);
        Assert.True(tier.TryGet(id, out _));
        var readStarted = tier.Generation;

        await tier.RemoveEverywhereAsync(id);
        tier.Set(id, new CachedProduct(old, DateTimeOffset.UtcNow.AddHours(1)), readStarted);

        Assert.False(tier.TryGet(id, out _));
    }

    [Fact]
    public async Task ACopyOlderThanAnAppliedChangeIsNotKeptInMemory()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, MemoryOn());
        var tier = services.Get<ProductMemoryTier>();
        var id = DemoCatalogGenerator.IdFor(69);
        var product = (await services.CreateQueryService().GetProductAsync(id, Cancellation)).Product!;

        tier.Invalidate(id, product.Revision + 1);
        tier.Set(id, new CachedProduct(product, DateTimeOffset.UtcNow.AddHours(1)), tier.Generation);
        var olderKept = tier.TryGet(id, out _);
        tier.Set(id, new CachedProduct(product with { Revision = product.Revision + 1 }, DateTimeOffset.UtcNow.AddHours(1)), tier.Generation);

        Assert.False(olderKept);
        Assert.True(tier.TryGet(id, out var kept));
        Assert.Equal(product.Revision + 1, kept.Product!.Revision);
    }

    [Fact]
    public async Task AnEvictionEmptiesThisInstancesMemoryEvenWhileRedisIsDown()
    {
        await using var redis = await servers.StartPrivateRedisAsync();
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, redis.ConnectionString, MemoryOn());
        var id = DemoCatalogGenerator.IdFor(68);
        await services.CreateQueryService().GetProductAsync(id, Cancellation);
        Assert.True(services.Get<ProductMemoryTier>().TryGet(id, out _));

        await redis.StopAsync(Cancellation);
        await Assert.ThrowsAnyAsync<StackExchange.Redis.RedisException>(() =>
            services.Get<ProductCacheInvalidator>().ApplyAsync([new CatalogChange(id, null, long.MaxValue / 2, [], [])], Cancellation));

        Assert.False(services.Get<ProductMemoryTier>().TryGet(id, out _));
    }
}
