using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using StackExchange.Redis;

namespace ProductBrowser.Benchmarks;

/// <summary>Reads per second with 1, 8 and 32 concurrent callers; and how much a Zipf-like popularity spares PostgreSQL.</summary>
internal sealed class ThroughputScenarios(ServiceProvider services, PlanCapture sql, int productCount)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public async Task<(IReadOnlyList<string> Table, IReadOnlyList<string> Notes)> RunAsync()
    {
        var hot = DemoCatalogGenerator.IdFor(1 + productCount / 2);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IProductQueryService>().GetProductAsync(hot);
        var redis = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = services.GetRequiredService<CacheKeys>().Product(hot);
        var dbFactory = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();

        var table = new List<string> { "| callers | service hits/s | EF reads/s | raw Redis GET/s | hits ÷ EF |", "|---:|---:|---:|---:|---:|" };
        foreach (var callers in new[] { 1, 8, 32 })
        {
            var hits = await RunAsync(callers, () =>
            {
                var reads = services.CreateScope().ServiceProvider.GetRequiredService<IProductQueryService>();
                return async () => await reads.GetProductAsync(hot);
            });
            var ef = await RunAsync(callers, () => async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                await db.Products.AsNoTracking().Where(p => p.Id == hot).Select(ProductProjections.Details).FirstOrDefaultAsync();
            });
            var raw = await RunAsync(callers, () => async () =>
                JsonSerializer.Deserialize((byte[])(await redis.StringGetAsync(key))!, CacheJsonContext.Default.CachedProduct));
            table.Add($"| {callers} | {hits:N0} | {ef:N0} | {raw:N0} | {hits / ef:F1}× |");
        }

        return (table, [await DatabaseReliefAsync()]);
    }

    private static async Task<double> RunAsync(int callers, Func<Func<Task>> makeCaller)
    {
        long operations = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, callers).Select(_ => makeCaller()).Select(operation => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < Duration)
            {
                await operation();
                Interlocked.Increment(ref operations);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return operations / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Views drawn from a Zipf(1) popularity over the whole catalog: PostgreSQL queries per 1 000 views once warm.</summary>
    private async Task<string> DatabaseReliefAsync()
    {
        var random = new Random(7);
        var cumulative = new double[productCount];
        double total = 0;
        for (var rank = 0; rank < productCount; rank++)
        {
            total += 1.0 / (rank + 1);
            cumulative[rank] = total;
        }

        Guid Draw()
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            return DemoCatalogGenerator.IdFor(1 + (index < 0 ? ~index : index));
        }

        using var scope = services.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        for (var i = 0; i < 20_000; i++)
        {
            await reads.GetProductAsync(Draw());
        }

        const int views = 20_000;
        var hits = 0;
        var queries = await sql.CountAsync(async () =>
        {
            for (var i = 0; i < views; i++)
            {
                if ((await reads.GetProductAsync(Draw())).Cache.Outcome == CacheOutcome.Hit)
                {
                    hits++;
                }
            }
        });
        return $"Database relief: with a Zipf(1) popularity over {productCount:N0} products, after 20 000 warm-up views, " +
               $"{views:N0} detail views sent **{queries * 1000.0 / views:F0} PostgreSQL queries per 1 000 views** (hit ratio {100.0 * hits / views:F1} %). " +
               "The long tail of a million products is mostly cold: that, not the cache, sets this number.";
    }
}
