using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
            ProductEdit.From(product) with { Version = primaryVersion, Name = "Edited on the primary" }, "editor", Cancellation);

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
    public async Task AReadAfterAChangeTheReplicaLacksComesFromThePrimaryAndIsCached()
    {
        await using var services = CatalogServices.Create(_primary, servers.RedisConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:CatalogReplica"] = _replica,
        });
        await Eventually.TrueAsync(() => services.Multiplexer.IsConnected, TimeSpan.FromSeconds(15));
        var feed = services.Get<CatalogChangeFeed>();
        await feed.StartAsync(Cancellation);
        await feed.CaughtUp.WaitAsync(TimeSpan.FromSeconds(20), Cancellation);
        var id = DemoCatalogGenerator.IdFor(7);
        var key = services.Keys.Product(id);

        var revision = await CatalogDatabase.ScalarAsync<long>(_primary,
            "UPDATE products SET name = 'Renamed on the primary' WHERE id = $1 RETURNING revision", id);
        await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(key) == (revision, true), TimeSpan.FromSeconds(5));
        // Read right after the change: the replica has not caught up (here: never will) and has the old row, older than
        // the change's tombstone, so the primary is read instead.
        var afterChange = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(key) == (revision, false), TimeSpan.FromSeconds(5));
        var again = await services.CreateQueryService().GetProductAsync(id, Cancellation);

        Assert.NotEqual("Renamed on the primary", await CatalogDatabase.ScalarAsync<string>(_replica, "SELECT name FROM products WHERE id = $1", id));
        Assert.Equal(CacheOutcome.Miss, afterChange.Cache.Outcome);
        Assert.Equal("Renamed on the primary", afterChange.Product!.Name);
        Assert.Equal(CacheOutcome.Hit, again.Cache.Outcome);
        Assert.Equal("Renamed on the primary", again.Product!.Name);
    }
}
