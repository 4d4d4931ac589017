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
    private const int Rounds = 3;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(1);

    public async Task<(IReadOnlyList<string> Table, IReadOnlyList<string> Notes)> RunAsync()
    {
        var hot = DemoCatalogGenerator.IdFor(1 + productCount / 2);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IProductQueryService>().GetProductAsync(hot);
        var redis = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = services.GetRequiredService<CacheKeys>().Product(hot);
        var dbFactory = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();

        var table = new List<string> { "| callers | service hits/s | EF reads/s | raw Redis GET/s | hits ÷ EF | hits ÷ raw Redis |", "|---:|---:|---:|---:|---:|---:|" };
        foreach (var callers in new[] { 1, 8, 32 })
        {
            // Rounds alternate between the three, so drift on the machine lands on all alike.
            double hits = 0, ef = 0, raw = 0;
            for (var round = 0; round < Rounds; round++)
            {
                hits += await RunAsync(callers, () =>
                {
                    var reads = services.CreateScope().ServiceProvider.GetRequiredService<IProductQueryService>();
                    return async () => await reads.GetProductAsync(hot);
                });
                ef += await RunAsync(callers, () => async () =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync();
                    await db.Products.AsNoTracking().Where(p => p.Id == hot).Select(ProductProjections.Details).FirstOrDefaultAsync();
                });
                raw += await RunAsync(callers, () => async () => Deserialize(await redis.StringGetAsync(key)));
            }

            table.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {callers} | {hits / Rounds:N0} | {ef / Rounds:N0} | {raw / Rounds:N0} | {hits / ef:F1}× | {hits / raw:F2}× |"));
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

    /// <summary>
    /// Views drawn from a Zipf popularity over the whole catalog, after a warm-up: PostgreSQL queries per 1 000 views and
    /// the hit ratio, beside the compulsory misses (first views of a product nobody had viewed before, which no
    /// cache-aside cache can avoid), for the classic exponent 1.0 and a steeper 1.2.
    /// </summary>
    private async Task<string> DatabaseReliefAsync()
    {
        var lines = new List<string>();
        foreach (var exponent in new[] { 1.0, 1.2 })
        {
            lines.Add(await DatabaseReliefAsync(exponent));
        }

        return "Database relief (Zipf popularity over the whole catalog, " + WarmupViews.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) +
               " warm-up views, then " + MeasuredViews.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " measured views):\n" +
               string.Join("\n", lines.Select(l => "  - " + l));
    }

    private const int WarmupViews = 100_000;
    private const int MeasuredViews = 20_000;

    private async Task<string> DatabaseReliefAsync(double exponent)
    {
        var random = new Random(7);
        var cumulative = new double[productCount];
        double total = 0;
        for (var rank = 0; rank < productCount; rank++)
        {
            total += Math.Pow(rank + 1, -exponent);
            cumulative[rank] = total;
        }

        // Popularity ranks are spread over the catalog (not product 1, 2, 3…), and each exponent gets its own products.
        var offset = exponent == 1.0 ? 0 : productCount / 2;
        Guid Draw(out int rank)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            rank = index < 0 ? ~index : index;
            return DemoCatalogGenerator.IdFor(1 + (int)(((long)rank * 7_919 + offset) % productCount));
        }

        using var scope = services.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        var seen = new HashSet<int>();
        for (var i = 0; i < WarmupViews; i++)
        {
            await reads.GetProductAsync(Draw(out var rank));
            seen.Add(rank);
        }

        var hits = 0;
        var firstViews = 0;
        var queries = await sql.CountAsync(async () =>
        {
            for (var i = 0; i < MeasuredViews; i++)
            {
                var id = Draw(out var rank);
                firstViews += seen.Add(rank) ? 1 : 0;
                if ((await reads.GetProductAsync(id)).Cache.Outcome == CacheOutcome.Hit)
                {
                    hits++;
                }
            }
        });
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Zipf({exponent:F1}): **{queries * 1000.0 / MeasuredViews:F0} PostgreSQL queries per 1 000 views**, hit ratio {100.0 * hits / MeasuredViews:F1} %; " +
            $"first views of a product never viewed before: {firstViews * 1000.0 / MeasuredViews:F0} per 1 000 (the floor for any cache-aside cache).");
    }

    /// <summary>The raw read's work: the entry's version prefix split off and its JSON deserialized, as the service does.</summary>
    private static CachedProduct? Deserialize(RedisValue stored)
    {
        VersionedValue.TryDecode((byte[])stored!, out _, out var json);
        return JsonSerializer.Deserialize(json, CacheJsonContext.Default.CachedProduct);
    }
}
