using Microsoft.EntityFrameworkCore;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

public sealed class DemoCatalogSeederTests(TestServers servers)
{
    private static readonly Dictionary<string, string?> SmallCatalog = new()
    {
        ["DemoCatalog:ProductCount"] = "1200",
        ["DemoCatalog:BatchSize"] = "500",
    };

    [Fact]
    public async Task SeedingAgainNeitherDuplicatesNorOverwritesNorWipes()
    {
        var connectionString = await servers.CreateDatabaseAsync("seed");
        await using var services = CatalogServices.Create(connectionString, servers.RedisConnectionString, SmallCatalog);
        await services.Get<CatalogDatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        var seeder = services.Get<DemoCatalogSeeder>();

        var first = await seeder.SeedAsync(TestContext.Current.CancellationToken);
        await CatalogDatabase.ExecuteAsync(connectionString, "UPDATE products SET name = 'Edited by staff' WHERE id = $1", DemoCatalogGenerator.IdFor(10));
        await CatalogDatabase.ExecuteAsync(connectionString, "DELETE FROM products WHERE id = $1", DemoCatalogGenerator.IdFor(700));
        var second = await seeder.SeedAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1200, first.Inserted);
        Assert.Equal(1, second.Inserted);
        Assert.Equal(1200L, await CatalogDatabase.ScalarAsync<long>(connectionString, "SELECT count(*) FROM products"));
        Assert.Equal("Edited by staff", await CatalogDatabase.ScalarAsync<string>(connectionString,
            "SELECT name FROM products WHERE id = $1", DemoCatalogGenerator.IdFor(10)));
    }

    [Fact]
    public async Task SeededRowsAreTheGeneratorsProducts()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        await using var db = await services.Get<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var expected = new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(123);

        var stored = await db.Products.SingleAsync(p => p.Id == DemoCatalogGenerator.IdFor(123), TestContext.Current.CancellationToken);

        Assert.Equal(expected.Sku, stored.Sku);
        Assert.Equal(expected.Name, stored.Name);
        Assert.Equal(expected.WeightKg, stored.WeightKg);
        Assert.Equal(expected.Gtin, stored.Gtin);
        Assert.Equal(expected.UpdatedAt, stored.UpdatedAt);
        var demoIds = Enumerable.Range(1, TestServers.DemoProductCount).Select(n => DemoCatalogGenerator.IdFor(n)).ToList();
        Assert.Equal(TestServers.DemoProductCount, await db.Products.CountAsync(p => demoIds.Contains(p.Id), TestContext.Current.CancellationToken));
    }
}
