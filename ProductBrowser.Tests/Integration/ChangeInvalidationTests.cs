using Npgsql;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>Writes made outside the app (as psql or an import would) clean the cache through LISTEN/NOTIFY.</summary>
public sealed class ChangeInvalidationTests(TestServers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExternalUpdateEvictsTheCachedProductWithinTwoSeconds()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        await StartListenerAsync(services);
        await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Renamed by psql' WHERE id = $1", product.Id);
        await Eventually.TrueAsync(async () => !await services.Redis.KeyExistsAsync(services.Keys.Product(product.Id)), TimeSpan.FromSeconds(2));
        var read = await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);

        Assert.Equal("Renamed by psql", read.Product!.Name);
        Assert.Equal(CacheOutcome.Miss, read.Cache.Outcome);
        Assert.True(read.Product.UpdatedAt > product.UpdatedAt);
    }

    [Fact]
    public async Task ChangeThroughOneInstanceIsSeenByAReaderOnAnother()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var shared = new Dictionary<string, string?> { ["Cache:KeyPrefix"] = $"two{Guid.NewGuid():N}"[..20] };
        await using var instanceA = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, shared);
        await using var instanceB = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString, shared);
        await StartListenerAsync(instanceB);
        await instanceB.CreateQueryService().GetProductAsync(product.Id, Cancellation);

        var changes = new TaskCompletionSource<ProductChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        instanceB.Get<ProductChangeNotifications>().Changed += c => changes.TrySetResult(c);
        await using (var db = await instanceA.Get<NpgsqlDataSource>().OpenConnectionAsync(Cancellation))
        await using (var update = new NpgsqlCommand("UPDATE products SET weight_kg = 42.5 WHERE id = $1", db) { Parameters = { new() { Value = product.Id } } })
        {
            await update.ExecuteNonQueryAsync(Cancellation);
        }

        var change = await changes.Task.WaitAsync(TimeSpan.FromSeconds(2), Cancellation);
        var read = await instanceB.CreateQueryService().GetProductAsync(product.Id, Cancellation);

        Assert.Equal(product.Id, change.ProductId);
        Assert.Equal(42.5m, read.Product!.WeightKg);
    }

    [Fact]
    public async Task DroppedListenerReconnectsAndMissesNothing()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        var listener = await StartListenerAsync(services);
        await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);
        var backend = listener.ListenerProcessId;

        // Kill the listening session and change the row while nobody listens: that notification is lost for good.
        await CatalogDatabase.ExecuteAsync(servers.PostgresAdminConnectionString, "SELECT pg_terminate_backend($1)", backend);
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Changed while deaf' WHERE id = $1", product.Id);
        await Eventually.TrueAsync(() => listener.ListenerProcessId is not 0 && listener.ListenerProcessId != backend, TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => !await services.Redis.KeyExistsAsync(services.Keys.Product(product.Id)), TimeSpan.FromSeconds(5));
        var read = await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);

        Assert.Equal("Changed while deaf", read.Product!.Name);
    }

    [Fact]
    public async Task BulkStatementSendsOneMessageThatFlushesTheCache()
    {
        await using var postgres = await servers.StartPrivatePostgresAsync(products: 150);
        var catalog = postgres.ConnectionString("catalog");
        await using var services = CatalogServices.Create(catalog, servers.RedisConnectionString);
        await StartListenerAsync(services);
        var read = await services.CreateQueryService().GetProductAsync(ProductBrowser.Data.Seeding.DemoCatalogGenerator.IdFor(12), Cancellation);
        var changes = new List<ProductChange>();
        services.Get<ProductChangeNotifications>().Changed += c => { lock (changes) { changes.Add(c); } };

        // One statement over all 150 products, as an import would.
        await CatalogDatabase.ExecuteAsync(catalog, "UPDATE products SET bin_location = 'Z-99-9'");
        await Eventually.TrueAsync(async () => !await services.Redis.KeyExistsAsync(services.Keys.Product(read.ProductId)), TimeSpan.FromSeconds(5));

        lock (changes)
        {
            Assert.Contains(changes, c => c.IsEverything);
            Assert.True(changes.Count < 5);
        }
    }

    private static async Task<ProductChangeListener> StartListenerAsync(CatalogServices services)
    {
        var listener = services.Get<ProductChangeListener>();
        await listener.StartAsync(Cancellation);
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        return listener;
    }
}
