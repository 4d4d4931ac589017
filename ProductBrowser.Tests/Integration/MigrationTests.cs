using Microsoft.EntityFrameworkCore;
using ProductBrowser.Data;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

public sealed class MigrationTests(TestServers servers)
{
    [Fact]
    public async Task MigrationsCreateTheWholeSchemaOnAnEmptyDatabase()
    {
        var connectionString = await servers.CreateDatabaseAsync("migrate");
        await using var services = CatalogServices.Create(connectionString, servers.RedisConnectionString);

        await services.Get<CatalogDatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        await using var db = await services.Get<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Products.CountAsync(TestContext.Current.CancellationToken));

        var skuIndex = await CatalogDatabase.ScalarAsync<string>(connectionString,
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'products' AND indexdef LIKE '%(sku)%'");
        Assert.Contains("UNIQUE", skuIndex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowerCaseSkuIsRejectedByTheDatabase()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => CatalogDatabase.ExecuteAsync(
            servers.CatalogConnectionString, "UPDATE products SET sku = lower(sku) WHERE id = $1", product.Id));

        Assert.Equal("ck_products_sku_upper", error.ConstraintName);
    }
}
