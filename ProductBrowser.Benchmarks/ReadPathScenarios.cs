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

/// <summary>
/// Product detail reads: the physical floors (raw Redis, raw Npgsql) beside EF, the service, HybridCache and FusionCache.
/// Each group is measured side by side (alternating blocks), so the ratios within a group are fair.
/// </summary>
internal sealed class ReadPathScenarios(ServiceProvider services, ServiceProvider withMemoryTier, int productCount, int iterations)
{
    public const string RawRedis = "Raw Redis GET + deserialize";
    public const string RawNpgsql = "Raw Npgsql prepared select by id";
    public const string RawFloor = "Raw Redis GET + raw Npgsql prepared select";
    public const string ServiceHit = "ProductQueryService hit";
    public const string ServiceMiss = "ProductQueryService miss";
    public const string ServiceMemoryHit = "ProductQueryService hit, in-memory tier on";
    public const string HybridHit = "HybridCache hit (Redis, local cache off)";
    public const string HybridMiss = "HybridCache miss";
    public const string FusionHit = "FusionCache hit (Redis, L1 off)";
    public const string FusionMiss = "FusionCache miss (L1 off)";
    public const string EfQuery = "EF Core query by id (not compiled)";
    public const string EfCompiled = "EF Core compiled query by id (the miss path's, pooled context)";

    private const string RawSelect = """
        SELECT p.id, p.sku, p.gtin, p.name, p.description, c.name, p.brand, p.weight_kg, p.length_cm, p.width_cm,
               p.height_cm, p.unit_of_measure, p.units_per_pack, p.bin_location, p.created_at, p.updated_at, p.xmin
        FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = $1
        """;

    public async Task<IReadOnlyList<Latency>> RunAsync()
    {
        var random = new Random(1);
        Guid Any() => DemoCatalogGenerator.IdFor(1 + random.Next(productCount));
        var hot = Any();
        var missed = Any();
        var cold = Enumerable.Range(0, 2 * (iterations + 100)).Select(_ => Any()).Distinct().ToArray();
        Guid Cold(int i, int half) => cold[half * (cold.Length / 2) + (i < 0 ? cold.Length / 2 + i : i)];
        var redis = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var keys = services.GetRequiredService<CacheKeys>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var libraries = new CacheLibraries(services);
        // One scope, as one Blazor circuit holds one ProductQueryService.
        using var scope = services.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        using var memoryScope = withMemoryTier.CreateScope();
        var memoryReads = memoryScope.ServiceProvider.GetRequiredService<IProductQueryService>();
        await memoryReads.GetProductAsync(hot);

        await reads.GetProductAsync(hot);
        await libraries.HybridAsync(hot, localCache: false);
        await libraries.FusionAsync(hot, l1: false);
        var hotKey = keys.Product(hot);

        async Task RawRedisGetAsync()
        {
            // The same entry the service reads: its version prefix split off, the JSON deserialized.
            var value = await redis.StringGetAsync(hotKey);
            VersionedValue.TryDecode((byte[])value!, out _, out var json);
            _ = JsonSerializer.Deserialize(json, CacheJsonContext.Default.CachedProduct);
        }

        async Task RawSelectAsync(Guid id)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(RawSelect, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await command.PrepareAsync();
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
        }

        var results = new List<Latency>();
        Console.Error.WriteLine("  hits…");
        results.AddRange(await Latency.MeasureSideBySideAsync(iterations,
        [
            new(RawRedis, _ => RawRedisGetAsync()),
            new(ServiceHit, _ => reads.GetProductAsync(hot)),
            new(HybridHit, _ => libraries.HybridAsync(hot, localCache: false)),
            new(FusionHit, _ => libraries.FusionAsync(hot, l1: false)),
            new("HybridCache hit (local cache on)", _ => libraries.HybridAsync(hot, localCache: true)),
            new("FusionCache hit (L1 on)", _ => libraries.FusionAsync(hot, l1: true)),
            new(ServiceMemoryHit, _ => memoryReads.GetProductAsync(hot)),
        ]));

        // Misses of one product whose row PostgreSQL holds in memory, as the floor's select does: the entry is removed
        // (untimed) before each read, so these compare the code paths, not the disk.
        Console.Error.WriteLine("  misses…");
        var missedKey = keys.Product(missed);
        results.AddRange(await Latency.MeasureSideBySideAsync(iterations,
        [
            new(RawNpgsql, _ => RawSelectAsync(missed)),
            new(RawFloor, async _ =>
            {
                await redis.StringGetAsync(missedKey);
                await RawSelectAsync(missed);
            }),
            new(ServiceMiss, _ => reads.GetProductAsync(missed), _ => redis.KeyDeleteAsync(missedKey)),
            new(HybridMiss, _ => libraries.HybridAsync(missed, localCache: false), _ => libraries.HybridRemoveAsync(missed)),
            new(FusionMiss, _ => libraries.FusionAsync(missed, l1: false), _ => libraries.FusionRemoveAsync(missed)),
            new(EfCompiled, async _ =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                await ProductQueryService.LoadById(db, missed, CancellationToken.None);
            }),
            new(EfQuery, async i =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                _ = await db.Products.AsNoTracking().Where(p => p.Id == missed).Select(ProductProjections.Details).FirstOrDefaultAsync();
            }),
            new("ProductQueryService not found", _ => reads.GetProductAsync(Guid.NewGuid())),
        ]));

        // A random product each time: rows PostgreSQL may have to fetch from the OS cache, as real first views do.
        Console.Error.WriteLine("  random products…");
        results.AddRange(await Latency.MeasureSideBySideAsync(iterations,
        [
            new("Raw Npgsql prepared select, random product", i => RawSelectAsync(Cold(i, 0)), Warmup: 20),
            new("ProductQueryService miss, random product", i => reads.GetProductAsync(Cold(i, 1)), Warmup: 20),
        ]));
        return results;
    }
}
