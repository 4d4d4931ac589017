using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Data.Seeding;
using ProductBrowser.LocalServers;
using StackExchange.Redis;

namespace ProductBrowser.Benchmarks;

/// <summary>
/// The figures behind the resilience work, on the real servers: what a read costs while Redis hangs (before and after
/// the breaker opens), how long until hits resume once Redis answers again, and how soon a write made outside the app
/// (an UPDATE as psql would send it) has left the cache.
/// </summary>
internal sealed class ResilienceScenarios(ServiceProvider services, RedisServer redisServer, int productCount)
{
    public async Task<(IReadOnlyList<Latency> Rows, IReadOnlyList<string> Notes)> RunAsync()
    {
        using var scope = services.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        var random = new Random(3);
        var notes = new List<string>();
        var rows = new List<Latency>();

        // Redis hung (SIGSTOP): the first reads pay the timeout until the breaker opens; then Redis is skipped.
        var ids = Enumerable.Range(0, 400).Select(_ => DemoCatalogGenerator.IdFor(1 + random.Next(productCount))).ToArray();
        await redisServer.PauseAsync();
        try
        {
            var closed = new List<double>();
            var store = services.GetRequiredService<CacheStore>();
            var i = 0;
            while (!store.IsRedisUnavailable && i < 50)
            {
                var started = Stopwatch.GetTimestamp();
                await reads.GetProductAsync(ids[i++]);
                closed.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            notes.Add($"Redis hung: {closed.Count} reads paid the Redis timeout (max {closed.Max():F0} ms each) before the breaker opened.");
            rows.Add(await Latency.MeasureAsync("Read while Redis hangs, breaker open", 200, async n => await reads.GetProductAsync(ids[100 + Math.Abs(n) % 300]), warmup: 5));
        }
        finally
        {
            await redisServer.ResumeAsync();
        }

        var resumed = Stopwatch.GetTimestamp();
        var hot = ids[0];
        await reads.GetProductAsync(hot);
        while ((await reads.GetProductAsync(hot)).Cache.Outcome != CacheOutcome.Hit)
        {
            await Task.Delay(20);
        }

        notes.Add($"Redis answering again: hits resumed after {Stopwatch.GetElapsedTime(resumed).TotalSeconds:F1} s (breaker break duration {new CacheOptions().BreakerDuration.TotalSeconds:F0} s).");

        // External writes: UPDATE through a separate connection, then watch the entry turn into a tombstone.
        var listener = services.GetRequiredService<CatalogChangeFeed>();
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening;
        var redis = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var keys = services.GetRequiredService<CacheKeys>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var delays = new List<double>();
        for (var n = 0; n < 60; n++)
        {
            var id = ids[300 + n];
            await reads.GetProductAsync(id);
            await using var update = dataSource.CreateCommand("UPDATE products SET weight_kg = weight_kg + 0.001 WHERE id = $1");
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            var started = Stopwatch.GetTimestamp();
            await update.ExecuteNonQueryAsync();
            // Until the entry is a tombstone (the change applied): "{revision}|" with no value.
            while ((string?)await redis.StringGetAsync(keys.Product(id)) is { } held && !held.EndsWith('|'))
            {
                await Task.Yield();
            }

            delays.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await listener.StopAsync(CancellationToken.None);
        delays.Sort();
        rows.Add(new Latency("Invalidation delay after an external UPDATE", delays.Count, delays[delays.Count / 2],
            delays[(int)Math.Ceiling(delays.Count * 0.95) - 1], delays[^1], delays.Average(), 0));
        return (rows, notes);
    }
}
