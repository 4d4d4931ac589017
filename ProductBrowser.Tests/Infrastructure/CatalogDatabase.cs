using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Tests.Infrastructure;

public static class CatalogDatabase
{
    public static async Task MigrateAndSeedAsync(string connectionString, string redisConnectionString, int productCount)
    {
        await using var services = CatalogServices.Create(connectionString, redisConnectionString, new Dictionary<string, string?>
        {
            ["DemoCatalog:ProductCount"] = productCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DemoCatalog:BatchSize"] = "1000",
        });
        await services.Get<CatalogDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await services.Get<DemoCatalogSeeder>().SeedAsync(CancellationToken.None);
    }

    /// <summary>Adds a product of the test's own (outside the demo id range), so tests may change it freely.</summary>
    public static async Task<Product> InsertProductAsync(string connectionString, string redisConnectionString)
    {
        await using var services = CatalogServices.Create(connectionString, redisConnectionString);
        var product = new DemoCatalogGenerator(7).Create(1);
        product.Id = Guid.NewGuid();
        product.Sku = $"TST-{product.Id.ToString("N")[..10].ToUpperInvariant()}";
        product.Gtin = null;
        await using var db = await services.Get<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Bulk statements of the tests (a 100 000-row import or UPDATE, triggers included) can take well over Npgsql's
        // default 30 s on a shared two-core machine running the whole suite: their duration is not what is tested.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
