using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using StackExchange.Redis;

namespace ProductBrowser.Benchmarks;

/// <summary>Product detail reads: the physical floors (raw Redis, raw Npgsql) beside EF and the service.</summary>
internal sealed class ReadPathScenarios(ServiceProvider services, int productCount, int iterations)
{
    private const string RawSelect = """
        SELECT p.id, p.sku, p.gtin, p.name, p.description, c.name, p.brand, p.weight_kg, p.length_cm, p.width_cm,
               p.height_cm, p.unit_of_measure, p.units_per_pack, p.bin_location, p.created_at, p.updated_at, p.xmin
        FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = $1
        """;

    public async Task<IReadOnlyList<Latency>> RunAsync()
    {
        var random = new Random(1);
        var hot = DemoCatalogGenerator.IdFor(1 + random.Next(productCount));
        var cold = Enumerable.Range(0, iterations + 100).Select(_ => DemoCatalogGenerator.IdFor(1 + random.Next(productCount))).Distinct().ToArray();
        var redis = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var keys = services.GetRequiredService<CacheKeys>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        // One scope, as one Blazor circuit holds one ProductQueryService.
        using var scope = services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        Func<IProductQueryService> reads = () => service;

        await reads().GetProductAsync(hot);
        var hotKey = keys.Product(hot);

        var results = new List<Latency>
        {
            await Latency.MeasureAsync("Raw Redis GET + deserialize", iterations, async i =>
            {
                var value = await redis.StringGetAsync(hotKey);
                _ = JsonSerializer.Deserialize((byte[])value!, CacheJsonContext.Default.CachedProduct);
            }),
            await Latency.MeasureAsync("Raw Npgsql prepared select by id", iterations, async _ =>
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var command = new NpgsqlCommand(RawSelect, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = hot });
                await command.PrepareAsync();
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
            }),
            await Latency.MeasureAsync("EF Core query by id (not compiled)", iterations, async i =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                _ = await db.Products.AsNoTracking().Where(p => p.Id == hot).Select(ProductProjections.Details).FirstOrDefaultAsync();
            }),
            await Latency.MeasureAsync("ProductQueryService hit", iterations, async _ => await reads().GetProductAsync(hot)),
            await Latency.MeasureAsync("ProductQueryService miss", iterations, async i =>
                await reads().GetProductAsync(cold[i < 0 ? cold.Length + i : i]), warmup: 20),
            await Latency.MeasureAsync("ProductQueryService not found", iterations, async _ => await reads().GetProductAsync(Guid.NewGuid())),
        };
        return results;
    }
}
