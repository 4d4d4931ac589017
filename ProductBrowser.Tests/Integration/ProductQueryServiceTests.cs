using ProductBrowser.Caching;
using System.Text.Json;
using ProductBrowser.Catalog;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>The cache-aside read path against the real PostgreSQL and Redis.</summary>
public sealed class ProductQueryServiceTests(TestServers servers) : IAsyncLifetime
{
    private static readonly Guid FirstDemoProduct = DemoCatalogGenerator.IdFor(1);
    private CatalogServices _services = null!;

    public ValueTask InitializeAsync()
    {
        _services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task FirstReadIsAMissThatQueriesPostgresAndStoresJsonWithTheConfiguredTtl()
    {
        var read = await _services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);

        Assert.Equal(ProductReadStatus.Found, read.Status);
        Assert.Equal(CacheOutcome.Miss, read.Cache.Outcome);
        Assert.Equal(FirstDemoProduct, read.Product!.Id);
        Assert.NotNull(read.Cache.DatabaseMilliseconds);
        Assert.Equal(1, _services.Sql.Count);

        var key = _services.Keys.Product(FirstDemoProduct);
        Assert.Equal(key.ToString(), read.Cache.Key);
        Assert.StartsWith($"{_services.KeyPrefix}:v{CacheKeys.FormatVersion}:product:", read.Cache.Key, StringComparison.Ordinal);

        var stored = await _services.Redis.StringGetWithExpiryAsync(key);
        var fresh = read.Cache.TimeToLive!.Value;
        Assert.InRange(fresh, TimeSpan.FromMinutes(54), TimeSpan.FromMinutes(66));
        // Redis keeps the entry past its TTL as a stale copy for database outages.
        Assert.InRange(stored.Expiry!.Value, fresh + TimeSpan.FromHours(24) - TimeSpan.FromSeconds(5), fresh + TimeSpan.FromHours(24));
        // Stored as "{revision}|{json}": the revision the compare-and-set rules compare.
        Assert.True(VersionedValue.TryDecode((byte[])stored.Value!, out var version, out var storedJson));
        Assert.Equal(read.Product.Revision, version);
        using var json = JsonDocument.Parse(storedJson.ToArray());
        Assert.Equal(read.Product.Sku, json.RootElement.GetProperty("product").GetProperty("sku").GetString());
    }

    [Fact]
    public async Task SecondReadIsServedFromRedisWithoutQueryingPostgres()
    {
        var first = await _services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);
        var second = await _services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);

        Assert.Equal(CacheOutcome.Miss, first.Cache.Outcome);
        Assert.Equal(CacheOutcome.Hit, second.Cache.Outcome);
        Assert.Null(second.Cache.DatabaseMilliseconds);
        Assert.Equal(1, _services.Sql.Count);
        Assert.Equal(first.Product, second.Product);
        Assert.InRange(second.Cache.TimeToLive!.Value, TimeSpan.FromMinutes(53), TimeSpan.FromMinutes(66));
    }

    [Fact]
    public async Task HitIsServedFromRedisEvenAfterTheRowChangesBehindTheCache()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var miss = await _services.CreateQueryService().GetProductAsync(product.Id, TestContext.Current.CancellationToken);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString,
            "UPDATE products SET name = 'Renamed behind the cache' WHERE id = $1", product.Id);
        var hit = await _services.CreateQueryService().GetProductAsync(product.Id, TestContext.Current.CancellationToken);

        Assert.Equal(CacheOutcome.Miss, miss.Cache.Outcome);
        Assert.Equal(CacheOutcome.Hit, hit.Cache.Outcome);
        Assert.Equal(product.Name, hit.Product!.Name);
    }

    [Fact]
    public async Task UnknownIdIsNotFoundAndRememberedBriefly()
    {
        var unknown = Guid.NewGuid();

        var read = await _services.CreateQueryService().GetProductAsync(unknown, TestContext.Current.CancellationToken);
        var again = await _services.CreateQueryService().GetProductAsync(unknown, TestContext.Current.CancellationToken);

        Assert.Equal(ProductReadStatus.NotFound, read.Status);
        Assert.Null(read.Product);
        Assert.Equal(CacheOutcome.Miss, read.Cache.Outcome);
        Assert.Equal(ProductReadStatus.NotFound, again.Status);
        Assert.Equal(CacheOutcome.Hit, again.Cache.Outcome);
        Assert.Equal(1, _services.Sql.Count);
        var ttl = await _services.Redis.KeyTimeToLiveAsync(_services.Keys.Product(unknown));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(33));
    }

    [Fact]
    public async Task ConcurrentColdReadsOfOneProductSendOneQuery()
    {
        var id = DemoCatalogGenerator.IdFor(77);

        var reads = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            Task.Run(() => _services.CreateQueryService().GetProductAsync(id, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.All(reads, r => Assert.Equal(id, r.Product?.Id));
        Assert.Equal(1, _services.Sql.Count);
    }

    [Fact]
    public async Task CorruptEntryIsTreatedAsAMissAndReplaced()
    {
        var key = _services.Keys.Product(FirstDemoProduct);
        await _services.Redis.StringSetAsync(key, "{not json", TimeSpan.FromMinutes(5));

        var read = await _services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);
        var again = await _services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);

        Assert.Equal(CacheOutcome.Miss, read.Cache.Outcome);
        Assert.Equal(ProductReadStatus.Found, read.Status);
        Assert.Equal(CacheOutcome.Hit, again.Cache.Outcome);
    }

    [Fact]
    public async Task ExpiredEntryTurnsAHitBackIntoAMiss()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString,
            new Dictionary<string, string?> { ["Cache:ProductTtl"] = "00:00:01", ["Cache:StaleWindow"] = "00:00:00", ["Cache:TtlJitterPercent"] = "0" });
        var key = services.Keys.Product(FirstDemoProduct);

        var miss = await services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);
        var hit = await services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => !await services.Redis.KeyExistsAsync(key), TimeSpan.FromSeconds(10));
        var afterExpiry = await services.CreateQueryService().GetProductAsync(FirstDemoProduct, TestContext.Current.CancellationToken);

        Assert.Equal(CacheOutcome.Miss, miss.Cache.Outcome);
        Assert.Equal(CacheOutcome.Hit, hit.Cache.Outcome);
        Assert.InRange(hit.Cache.TimeToLive!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(CacheOutcome.Miss, afterExpiry.Cache.Outcome);
        Assert.Equal(2, services.Sql.Count);
    }
}
