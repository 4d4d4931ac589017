using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Data.Seeding;
using StackExchange.Redis;

namespace ProductBrowser.Benchmarks;

/// <summary>
/// The freshness figures (decision 10), on the real servers with the change feed running: how long from a committed
/// write to its tombstone in Redis while readers keep reading; and a 100 000-row statement: how long until every
/// changed product is fresh, how many Redis commands that took, and whether the untouched products stayed cached.
/// </summary>
internal sealed class FreshnessScenarios(ServiceProvider services, int productCount)
{
    private const int Changed = 100_000;
    private const int Sample = 5_000;

    public async Task<(IReadOnlyList<string> Lines, IReadOnlyList<string> Notes)> RunAsync()
    {
        var feed = services.GetRequiredService<CatalogChangeFeed>();
        await feed.StartAsync(CancellationToken.None);
        await feed.CaughtUp;
        var lines = new List<string> { "| measurement | value |", "|---|---:|" };
        var notes = new List<string>();
        try
        {
            await MeasureLagUnderLoadAsync(lines);
            if (productCount > Changed + Sample)
            {
                await MeasureBulkStatementAsync(lines, notes);
            }
            else
            {
                notes.Add(Invariant($"The 100 000-row statement needs a catalog of more than {Changed + Sample:N0} products; skipped at {productCount:N0}."));
            }
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }

        return (lines, notes);
    }

    private async Task MeasureLagUnderLoadAsync(List<string> lines)
    {
        var random = new Random(11);
        var warm = Enumerable.Range(0, 2_000).Select(_ => DemoCatalogGenerator.IdFor(1 + random.Next(productCount))).Distinct().ToArray();
        await ReadAllAsync(warm);
        using var stop = new CancellationTokenSource();
        long backgroundReads = 0;
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var own = new Random(r);
            using var scope = services.CreateScope();
            var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
            while (!stop.IsCancellationRequested)
            {
                await reads.GetProductAsync(warm[own.Next(warm.Length)]);
                Interlocked.Increment(ref backgroundReads);
            }
        })).ToArray();

        var redis = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var keys = services.GetRequiredService<CacheKeys>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var lags = new List<double>();
        var started = Stopwatch.GetTimestamp();
        for (var n = 0; n < 200; n++)
        {
            var id = warm[n];
            await using var update = dataSource.CreateCommand("UPDATE products SET weight_kg = weight_kg + 0.001 WHERE id = $1 RETURNING revision");
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            var revision = (long)(await update.ExecuteScalarAsync())!;
            var committed = Stopwatch.GetTimestamp();
            while (!await HasAtLeastAsync(redis, keys.Product(id), revision))
            {
                await Task.Yield();
            }

            lags.Add(Stopwatch.GetElapsedTime(committed).TotalMilliseconds);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        lags.Sort();
        lines.Add(Invariant($"| invalidation lag, commit to tombstone in Redis, 200 updates under 4 readers: p50 | {Percentile(lags, 0.50):F1} ms |"));
        lines.Add(Invariant($"| same: p99 / max | {Percentile(lags, 0.99):F1} ms / {lags[^1]:F1} ms |"));
        lines.Add(Invariant($"| background reads meanwhile | {Interlocked.Read(ref backgroundReads) / seconds:N0} /s |"));
        var feedLag = services.GetRequiredService<ChangeFeedStatus>().Lag();
        if (feedLag is { } lag)
        {
            lines.Add(Invariant($"| the feed's own lag (change recorded to applied): p50 / p99 | {lag.P50:F1} ms / {lag.P99:F1} ms |"));
        }
    }

    private async Task MeasureBulkStatementAsync(List<string> lines, List<string> notes)
    {
        var random = new Random(17);
        var changed = Enumerable.Range(0, Sample).Select(_ => DemoCatalogGenerator.IdFor(1 + random.Next(Changed))).Distinct().ToArray();
        var untouched = Enumerable.Range(0, Sample).Select(_ => DemoCatalogGenerator.IdFor(Changed + 1 + random.Next(productCount - Changed))).Distinct().ToArray();
        await ReadAllAsync(changed);
        await ReadAllAsync(untouched);
        var hitsBefore = await HitRatioAsync(untouched);

        var multiplexer = services.GetRequiredService<IConnectionMultiplexer>();
        var server = multiplexer.GetServers()[0];
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var bin = "F-" + (DateTime.UtcNow.Ticks % 100_000).ToString(CultureInfo.InvariantCulture);
        const string Update = "UPDATE products SET bin_location = $1 WHERE id >= $2 AND id <= $3";

        // Every row visited once before timing (a freshly loaded table pays for hint bits on its first pass).
        await using (var warm = dataSource.CreateCommand("SELECT count(*) FROM products WHERE id >= $1 AND id <= $2"))
        {
            warm.CommandTimeout = 600;
            warm.Parameters.Add(new NpgsqlParameter { Value = DemoCatalogGenerator.IdFor(1) });
            warm.Parameters.Add(new NpgsqlParameter { Value = DemoCatalogGenerator.IdFor(Changed) });
            await warm.ExecuteScalarAsync();
        }

        var commandsBefore = await CommandCountAsync(server);
        await using var update = dataSource.CreateCommand(Update);
        update.CommandTimeout = 600;
        AddRange(update, bin);
        var statementStarted = Stopwatch.GetTimestamp();
        var rows = await update.ExecuteNonQueryAsync();
        var statement = Stopwatch.GetElapsedTime(statementStarted);
        var committed = Stopwatch.GetTimestamp();
        await using var last = dataSource.CreateCommand("SELECT max(position) FROM catalog_changes");
        var lastPosition = (long)(await last.ExecuteScalarAsync())!;
        var status = services.GetRequiredService<ChangeFeedStatus>();
        while (status.Position < lastPosition)
        {
            await Task.Delay(5);
        }

        var applied = Stopwatch.GetElapsedTime(committed);
        var commands = await CommandCountAsync(server) - commandsBefore;
        var fresh = await CountFreshAsync(changed, bin);
        var hitsAfter = await HitRatioAsync(untouched);

        // The same statement without the change-log triggers (session_replication_role skips them; the benchmark's own
        // server runs as a superuser), rolled back: what the triggers add to a bulk statement.
        TimeSpan withoutTriggers;
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
            {
                await replica.ExecuteNonQueryAsync();
            }

            await using var bare = new NpgsqlCommand(Update, connection, transaction) { CommandTimeout = 600 };
            AddRange(bare, "X-" + bin[2..]);
            var bareStarted = Stopwatch.GetTimestamp();
            await bare.ExecuteNonQueryAsync();
            withoutTriggers = Stopwatch.GetElapsedTime(bareStarted);
            await transaction.RollbackAsync();
        }

        lines.Add(Invariant($"| one UPDATE of {rows:N0} rows: statement time with the change-log triggers / without (rolled back) | {statement.TotalMilliseconds:N0} ms / {withoutTriggers.TotalMilliseconds:N0} ms ({statement / withoutTriggers:F2}×) |"));
        lines.Add(Invariant($"| same: commit to every change applied on this instance | {applied.TotalMilliseconds:N0} ms |"));
        lines.Add(Invariant($"| same: Redis commands, all (those run inside the scripts included) | {commands:N0} ({(double)commands / rows:F2} per changed row) |"));
        lines.Add(Invariant($"| changed products read fresh right after (sample) | {fresh:N0} of {changed.Length:N0} |"));
        lines.Add(Invariant($"| hit ratio of {untouched.Length:N0} untouched products, before / after | {hitsBefore:P1} / {hitsAfter:P1} |"));
        notes.Add("Commands counted from Redis `INFO commandstats` (every client; only the feed ran meanwhile): one tombstone script per changed product (a GET and a SET inside it), codes only where they moved, and one counter per category involved.");
    }

    private async Task ReadAllAsync(IEnumerable<Guid> ids)
    {
        using var scope = services.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        foreach (var id in ids)
        {
            await reads.GetProductAsync(id);
        }
    }

    private async Task<double> HitRatioAsync(IReadOnlyCollection<Guid> ids)
    {
        using var scope = services.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        var hits = 0;
        foreach (var id in ids)
        {
            hits += (await reads.GetProductAsync(id)).Cache.Outcome == CacheOutcome.Hit ? 1 : 0;
        }

        return (double)hits / ids.Count;
    }

    private async Task<int> CountFreshAsync(IEnumerable<Guid> ids, string bin)
    {
        using var scope = services.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        var fresh = 0;
        foreach (var id in ids)
        {
            fresh += (await reads.GetProductAsync(id)).Product?.BinLocation == bin ? 1 : 0;
        }

        return fresh;
    }

    /// <summary>True once the key holds that revision or newer (a tombstone, or a fill that read the new row).</summary>
    private static async Task<bool> HasAtLeastAsync(IDatabase redis, RedisKey key, long revision)
    {
        var stored = await redis.StringGetAsync(key);
        return !stored.IsNull && VersionedValue.TryDecode((byte[])stored!, out var version, out _) && version >= revision;
    }

    private static void AddRange(NpgsqlCommand command, string bin)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = bin });
        command.Parameters.Add(new NpgsqlParameter { Value = DemoCatalogGenerator.IdFor(1) });
        command.Parameters.Add(new NpgsqlParameter { Value = DemoCatalogGenerator.IdFor(Changed) });
    }

    private static async Task<long> CommandCountAsync(IServer server)
    {
        var info = await server.InfoAsync("commandstats");
        return info.SelectMany(g => g).Sum(pair =>
            pair.Value.Split(',').FirstOrDefault(p => p.StartsWith("calls=", StringComparison.Ordinal)) is { } calls
                ? long.Parse(calls[6..], CultureInfo.InvariantCulture) : 0);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
