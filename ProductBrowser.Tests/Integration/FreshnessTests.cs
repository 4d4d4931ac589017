using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// The freshness guarantee (README, "Freshness guarantees"): after a write commits, from anywhere, reads return the new
/// values within the bound whatever happened meanwhile, and only what changed leaves the cache. Without the change feed
/// each of these would serve the old values for the rest of a TTL (an hour). The 2 s bound itself is measured by the
/// benchmark (p99 under 10 ms); the tests wait up to <see cref="Bound"/>, since a shared two-core CI machine running the
/// whole suite in parallel can stall any process for seconds.
/// </summary>
public sealed class FreshnessTests(TestServers servers)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExternalUpdateIsServedWithinTwoSeconds()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await ReadAsync(services, product.Id);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Renamed by psql' WHERE id = $1", product.Id);

        await AssertFreshSoonAsync(services, product.Id, p => p.Name == "Renamed by psql");
    }

    [Fact]
    public async Task WriteMadeWhileNoInstanceRunsIsServedSoonAfterOneStarts()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var shared = SharedPrefix();
        await using (var before = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString, shared))
        {
            Assert.Equal(CacheOutcome.Miss, (await ReadAsync(before, product.Id)).Cache.Outcome);
            Assert.Equal(CacheOutcome.Hit, (await ReadAsync(before, product.Id)).Cache.Outcome);
            await before.Get<CatalogChangeFeed>().StopAsync(Cancellation);
        }

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Renamed during the deploy' WHERE id = $1", product.Id);
        await using var after = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString, shared);

        await AssertFreshSoonAsync(after, product.Id, p => p.Name == "Renamed during the deploy");
    }

    [Fact]
    public async Task WriteMadeWhileRedisHangsIsAppliedOnceItAnswers()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var redis = await servers.StartPrivateRedisAsync();
        await using var services = await StartAsync(servers.CatalogConnectionString, redis.ConnectionString);
        await ReadAsync(services, product.Id);
        Assert.True(await services.Redis.HoldsValueAsync(services.Keys.Product(product.Id)));

        await redis.PauseAsync(Cancellation);
        try
        {
            await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Renamed while Redis hung' WHERE id = $1", product.Id);
            // Long enough for the feed to try, fail and keep the change pending (several Redis timeouts).
            await Eventually.TrueAsync(() => services.Get<ChangeFeedStatus>().Backlog > 0, TimeSpan.FromSeconds(15));
        }
        finally
        {
            await redis.ResumeAsync(Cancellation);
        }

        await AssertFreshSoonAsync(services, product.Id, p => p.Name == "Renamed while Redis hung");
    }

    [Fact]
    public async Task WritesWhileTheListenerIsCutOffAreAppliedAndUntouchedEntriesStayCached()
    {
        var changed = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var untouched = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var feed = services.Get<CatalogChangeFeed>();
        await ReadAsync(services, changed.Id);
        await ReadAsync(services, untouched.Id);
        var backend = feed.ListenerProcessId;

        await CatalogDatabase.ExecuteAsync(servers.PostgresAdminConnectionString, "SELECT pg_terminate_backend($1)", backend);
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Changed while deaf' WHERE id = $1", changed.Id);

        await AssertFreshSoonAsync(services, changed.Id, p => p.Name == "Changed while deaf");
        await Eventually.TrueAsync(() => feed.ListenerProcessId is not 0 && feed.ListenerProcessId != backend, TimeSpan.FromSeconds(10));
        Assert.Equal(CacheOutcome.Hit, (await ReadAsync(services, untouched.Id)).Cache.Outcome);
    }

    [Fact]
    public async Task PostgresRestartKeepsUntouchedEntriesAndAppliesWhatChanged()
    {
        await using var postgres = await servers.StartPrivatePostgresAsync(products: 60);
        var catalog = postgres.ConnectionString("catalog");
        await using var services = await StartAsync(catalog, servers.RedisConnectionString);
        var untouched = DemoCatalogGenerator.IdFor(10);
        var changed = DemoCatalogGenerator.IdFor(11);
        await ReadAsync(services, untouched);
        await ReadAsync(services, changed);

        await postgres.StopAsync(Cancellation);
        await postgres.StartAgainAsync(Cancellation);
        NpgsqlConnection.ClearAllPools();
        await CatalogDatabase.ExecuteAsync(catalog, "UPDATE products SET name = 'Changed after the restart' WHERE id = $1", changed);

        await AssertFreshSoonAsync(services, changed, p => p.Name == "Changed after the restart");
        Assert.Equal(CacheOutcome.Hit, (await ReadAsync(services, untouched)).Cache.Outcome);
    }

    [Fact]
    public async Task HundredThousandRowStatementRefreshesTheChangedProductsAndKeepsTheRest()
    {
        await using var postgres = await servers.StartPrivatePostgresAsync(products: 20);
        var catalog = postgres.ConnectionString("catalog");
        // An import's statements: on a busy 2-core machine one takes about as long as Npgsql's default 30 s timeout.
        var import = new NpgsqlConnectionStringBuilder(catalog) { CommandTimeout = 300 }.ConnectionString;
        // 100 000 more products in category 1, as an import would bring them.
        await CatalogDatabase.ExecuteAsync(import, """
            INSERT INTO products (id, sku, name, description, category_id, brand, weight_kg, length_cm, width_cm, height_cm,
                                  unit_of_measure, units_per_pack, bin_location)
            SELECT ('30000000-0000-0000-0000-' || lpad(n::text, 12, '0'))::uuid, 'BLK-' || lpad(n::text, 7, '0'), 'Bulk item ' || n,
                   'Imported', 1, 'Acme', 1.5, 10, 10, 10, 'Each', 1, 'A-01-1'
            FROM generate_series(1, 100000) AS n
            """);
        await using var services = await StartAsync(catalog, servers.RedisConnectionString);
        var untouched = DemoCatalogGenerator.IdFor(3);
        var changed = Guid.Parse("30000000-0000-0000-0000-000000050000");
        await ReadAsync(services, untouched);
        await ReadAsync(services, changed);

        var updated = await CatalogDatabase.ExecuteAsync(import, "UPDATE products SET bin_location = 'Z-99-9' WHERE sku LIKE 'BLK-%'");

        Assert.Equal(100_000, updated);
        await AssertFreshSoonAsync(services, changed, p => p.BinLocation == "Z-99-9", TimeSpan.FromSeconds(60));
        Assert.Equal(CacheOutcome.Hit, (await ReadAsync(services, untouched)).Cache.Outcome);
        // The same statement is in the audit trail: one event per product, from outside the app, with the bin changed.
        Assert.Equal(100_000, await CatalogDatabase.ScalarAsync<long>(catalog,
            "SELECT count(*) FROM audit_events WHERE action = 'edit' AND actor IS NULL AND changes->'bin_location'->>'new' = 'Z-99-9'"));
    }

    [Fact]
    public async Task UpdateThatChangesNothingLeavesTheCacheAlone()
    {
        await using var postgres = await servers.StartPrivatePostgresAsync(products: 200);
        var catalog = postgres.ConnectionString("catalog");
        await using var services = await StartAsync(catalog, servers.RedisConnectionString);
        var id = DemoCatalogGenerator.IdFor(12);
        await ReadAsync(services, id);
        var recorded = await CatalogDatabase.ScalarAsync<long>(catalog, "SELECT count(*) FROM catalog_changes");

        await CatalogDatabase.ExecuteAsync(catalog, "UPDATE products SET bin_location = bin_location");

        Assert.Equal(recorded, await CatalogDatabase.ScalarAsync<long>(catalog, "SELECT count(*) FROM catalog_changes"));
        Assert.Equal(CacheOutcome.Hit, (await ReadAsync(services, id)).Cache.Outcome);
    }

    [Fact]
    public async Task RenamedCategoryShowsInEveryCachedProductOfIt()
    {
        await using var postgres = await servers.StartPrivatePostgresAsync(products: 60);
        var catalog = postgres.ConnectionString("catalog");
        await using var services = await StartAsync(catalog, servers.RedisConnectionString);
        var first = (await ReadAsync(services, DemoCatalogGenerator.IdFor(1))).Product!;
        var sameCategory = await CatalogDatabase.ScalarAsync<Guid>(catalog,
            "SELECT id FROM products WHERE category_id = $1 AND id <> $2 ORDER BY name LIMIT 1", first.CategoryId, first.Id);
        var otherCategory = await CatalogDatabase.ScalarAsync<Guid>(catalog, "SELECT id FROM products WHERE category_id <> $1 LIMIT 1", first.CategoryId);
        await ReadAsync(services, sameCategory);
        await ReadAsync(services, otherCategory);

        await CatalogDatabase.ExecuteAsync(catalog, "UPDATE categories SET name = 'Renamed category' WHERE id = $1", first.CategoryId);

        await AssertFreshSoonAsync(services, first.Id, p => p.Category == "Renamed category");
        await AssertFreshSoonAsync(services, sameCategory, p => p.Category == "Renamed category");
        Assert.Equal(CacheOutcome.Hit, (await ReadAsync(services, otherCategory)).Cache.Outcome);
    }

    [Fact]
    public async Task RelatedListShowsAProductRenamedAfterItWasCached()
    {
        await using var postgres = await servers.StartPrivatePostgresAsync(products: 60);
        var catalog = postgres.ConnectionString("catalog");
        await using var services = await StartAsync(catalog, servers.RedisConnectionString);
        var product = (await ReadAsync(services, DemoCatalogGenerator.IdFor(1))).Product!;
        var related = services.Services.CreateScope().ServiceProvider.GetRequiredService<ProductBrowser.Catalog.List.IRelatedProductsService>();
        var neighbour = (await related.GetRelatedAsync(product, cancellationToken: Cancellation))[0];

        await CatalogDatabase.ExecuteAsync(catalog, "UPDATE products SET name = name || ' (renamed)' WHERE id = $1", neighbour.Id);

        await Eventually.TrueAsync(async () => (await related.GetRelatedAsync(product, cancellationToken: Cancellation))
            .Any(p => p.Id == neighbour.Id && p.Name.EndsWith("(renamed)", StringComparison.Ordinal)) ||
            (await related.GetRelatedAsync(product, cancellationToken: Cancellation)).All(p => p.Id != neighbour.Id), Bound);
    }

    [Fact]
    public async Task MissThatReadTheOldRowBeforeAWriteDoesNotStoreIt()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var gate = new ReadGate();
        await using var services = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString,
            configure: s => s.AddSingleton<IInterceptor>(gate));
        var key = services.Keys.Product(product.Id);

        // The miss reads the row, then waits; meanwhile the write commits and its change is applied.
        gate.Arm();
        var racing = ReadAsync(services, product.Id);
        try
        {
            await gate.Held.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
            var written = await CatalogDatabase.ScalarAsync<long>(servers.CatalogConnectionString,
                "UPDATE products SET name = 'Written during the miss' WHERE id = $1 RETURNING revision", product.Id);
            await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(key) == (written, true), Bound);
        }
        finally
        {
            gate.Release();
        }

        var raced = await racing;
        var next = await ReadAsync(services, product.Id);

        Assert.Equal(product.Name, raced.Product!.Name);
        Assert.Equal("Written during the miss", next.Product!.Name);
        Assert.Equal(CacheOutcome.Miss, next.Cache.Outcome);
    }

    [Fact]
    public async Task ChangeAppliedTwiceOrAfterANewerOneChangesNothing()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var services = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Newest' WHERE id = $1", product.Id);
        var fresh = await AssertFreshSoonAsync(services, product.Id, p => p.Name == "Newest");
        await ReadAsync(services, product.Id);
        var invalidator = services.Get<ProductCacheInvalidator>();
        var key = services.Keys.Product(product.Id);

        // Delivery is at least once, in any order: the same change again, then an older one.
        await invalidator.ApplyAsync([new CatalogChange(product.Id, null, fresh.Revision, [], [])], Cancellation);
        await invalidator.ApplyAsync([new CatalogChange(product.Id, null, fresh.Revision - 1, [], [])], Cancellation);

        Assert.Equal((fresh.Revision, false), await services.Redis.VersionAsync(key));
        Assert.Equal(CacheOutcome.Hit, (await ReadAsync(services, product.Id)).Cache.Outcome);

        // A newer one does remove it.
        await invalidator.ApplyAsync([new CatalogChange(product.Id, null, fresh.Revision + 1, [], [])], Cancellation);
        Assert.Equal((fresh.Revision + 1, true), await services.Redis.VersionAsync(key));
    }

    [Fact]
    public async Task ChangeThroughOneInstanceIsSeenByAReaderOnAnother()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var shared = SharedPrefix();
        await using var instanceA = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString, shared);
        await using var instanceB = await StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString, shared);
        await ReadAsync(instanceB, product.Id);

        await using (var db = await instanceA.Get<NpgsqlDataSource>().OpenConnectionAsync(Cancellation))
        await using (var update = new NpgsqlCommand("UPDATE products SET weight_kg = 42.5 WHERE id = $1", db) { Parameters = { new() { Value = product.Id } } })
        {
            await update.ExecuteNonQueryAsync(Cancellation);
        }

        await AssertFreshSoonAsync(instanceB, product.Id, p => p.WeightKg == 42.5m);
    }

    private static Dictionary<string, string?> SharedPrefix() => new() { ["Cache:KeyPrefix"] = $"fr{Guid.NewGuid():N}"[..20] };

    private static Task<CatalogServices> StartAsync(
        string catalog, string redis, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        ChangeFeedServices.StartAsync(catalog, redis, settings, configure);

    private static Task<ProductReadResult> ReadAsync(CatalogServices services, Guid id) =>
        services.CreateQueryService().GetProductAsync(id, Cancellation);

    /// <summary>Reads until the new values show, failing if that takes longer than the test's bound; returns them.</summary>
    private static async Task<ProductDetails> AssertFreshSoonAsync(
        CatalogServices services, Guid id, Func<ProductDetails, bool> isFresh, TimeSpan? bound = null)
    {
        ProductDetails? seen = null;
        await Eventually.TrueAsync(async () => (seen = (await ReadAsync(services, id)).Product) is { } p && isFresh(p), bound ?? Bound);
        return seen!;
    }
}
