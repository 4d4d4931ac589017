using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Catalog.List;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// Catalog reads from <c>ConnectionStrings:CatalogReplica</c>, writes to the primary. The "replica" here is a second
/// database on the test server holding the same catalog with one product renamed, so where a read went shows in its result.
/// </summary>
public sealed class CatalogReplicaTests(TestServers servers) : IAsyncLifetime
{
    private const string ReplicaName = "Seen only on the replica";
    private static readonly Guid Renamed = DemoCatalogGenerator.IdFor(5);
    private string _primary = "";
    private string _replica = "";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _primary = await servers.CreateDatabaseAsync("primary");
        _replica = await servers.CreateDatabaseAsync("replica");
        await Task.WhenAll(
            CatalogDatabase.MigrateAndSeedAsync(_primary, servers.RedisConnectionString, 20),
            CatalogDatabase.MigrateAndSeedAsync(_replica, servers.RedisConnectionString, 20));
        await CatalogDatabase.ExecuteAsync(_replica, "UPDATE products SET name = $1 WHERE id = $2", ReplicaName, Renamed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static T Scoped<T>(CatalogServices services)
        where T : notnull => services.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    [Fact]
    public async Task ProductListAndLookupReadsGoToTheReplica()
    {
        await using var services = CatalogServices.Create(_primary, servers.RedisConnectionString,
            new Dictionary<string, string?> { ["ConnectionStrings:CatalogReplica"] = _replica });

        var details = await services.CreateQueryService().GetProductAsync(Renamed, Cancellation);
        var list = await Scoped<IProductListService>(services).GetPageAsync(new ProductListQuery(Search: ReplicaName), Cancellation);
        var lookup = await Scoped<ISkuLookupService>(services).LookupAsync(details.Product!.Sku, Cancellation);

        Assert.Equal(ReplicaName, details.Product.Name);
        Assert.Equal(Renamed, Assert.Single(list.Items).Id);
        Assert.Equal(ReplicaName, lookup.Product!.Name);
    }

    [Fact]
    public async Task EditsGoToThePrimaryOnly()
    {
        await using var services = CatalogServices.Create(_primary, servers.RedisConnectionString,
            new Dictionary<string, string?> { ["ConnectionStrings:CatalogReplica"] = _replica });
        var product = (await services.CreateQueryService().GetProductAsync(DemoCatalogGenerator.IdFor(6), Cancellation)).Product!;
        var primaryVersion = await CatalogDatabase.ScalarAsync<uint>(_primary, "SELECT xmin FROM products WHERE id = $1", product.Id);

        var saved = await Scoped<IProductEditService>(services).SaveAsync(
            ProductEdit.From(product) with { Version = primaryVersion, Name = "Edited on the primary" }, Cancellation);

        Assert.Equal(ProductSaveStatus.Saved, saved.Status);
        Assert.Equal("Edited on the primary", await CatalogDatabase.ScalarAsync<string>(_primary, "SELECT name FROM products WHERE id = $1", product.Id));
        Assert.Equal(product.Name, await CatalogDatabase.ScalarAsync<string>(_replica, "SELECT name FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task WithoutAReplicaReadsUseThePrimary()
    {
        await using var services = CatalogServices.Create(_primary, servers.RedisConnectionString);

        var details = await services.CreateQueryService().GetProductAsync(Renamed, Cancellation);

        Assert.False(services.Get<CatalogReadDbContextFactory>().IsReplica);
        Assert.NotEqual(ReplicaName, details.Product!.Name);
    }

    [Fact]
    public async Task AMalformedReplicaConnectionStringStopsStartUpNamingTheSetting()
    {
        await using var services = CatalogServices.Create(_primary, servers.RedisConnectionString,
            new Dictionary<string, string?> { ["ConnectionStrings:CatalogReplica"] = "not a connection string" });

        var error = Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<CatalogDatabaseOptions>>().Value);

        Assert.Contains("ConnectionStrings:CatalogReplica", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeIsEvictedAgainOnceTheReplicaMayHaveCaughtUp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = CatalogServices.Create(_primary, servers.RedisConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:CatalogReplica"] = _replica,
            ["Database:ReplicaMaxLag"] = "00:00:05",
        }, time);
        var listener = services.Get<ProductChangeListener>();
        await listener.StartAsync(Cancellation);
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var id = DemoCatalogGenerator.IdFor(7);
        var applied = 0;
        services.Get<ProductChangeNotifications>().Changed += _ => Interlocked.Increment(ref applied);

        await CatalogDatabase.ExecuteAsync(_primary, "UPDATE products SET name = 'Renamed on the primary' WHERE id = $1", id);
        await Eventually.TrueAsync(() => Volatile.Read(ref applied) == 1, TimeSpan.FromSeconds(5));
        // Read right after the change: the cache is refilled from the replica, which has not caught up (here: never will).
        var refill = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        var cachedAfterRefill = await services.Redis.KeyExistsAsync(services.Keys.Product(id));
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            return Volatile.Read(ref applied) == 2;
        }, TimeSpan.FromSeconds(5));

        Assert.NotEqual("Renamed on the primary", refill.Product!.Name);
        Assert.True(cachedAfterRefill);
        Assert.False(await services.Redis.KeyExistsAsync(services.Keys.Product(id)));
    }
}
