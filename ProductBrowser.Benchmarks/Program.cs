using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using ProductBrowser.Benchmarks;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.LocalServers;
using StackExchange.Redis;

// Usage: ProductBrowser.Benchmarks [--products N] [--iterations N] [--report FILE] [--plans DIR] [--data DIR]
// Starts its own PostgreSQL and Redis (the helper the tests use), loads the demo catalog (reused when present),
// measures every scenario side by side in this one run, prints a Markdown report and optionally writes it to FILE.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal) && x.i + 1 < args.Length)
    .ToDictionary(x => x.a[2..], x => args[x.i + 1], StringComparer.Ordinal);
var products = int.Parse(options.GetValueOrDefault("products", "1000000"), CultureInfo.InvariantCulture);
var iterations = int.Parse(options.GetValueOrDefault("iterations", "1000"), CultureInfo.InvariantCulture);
var data = Path.GetFullPath(options.GetValueOrDefault("data", ".data/benchmark"));
// --sections reads: only the product read paths (a quick check while working on them); the report needs all sections.
// --sections requests: only the whole-request load (wrk).
var section = options.GetValueOrDefault("sections", "all");
if (section is not ("all" or "reads" or "throughput" or "requests" or "freshness"))
{
    Console.Error.WriteLine($"Unknown --sections '{section}': use all, reads, throughput, requests or freshness.");
    return 2;
}

var readsOnly = section == "reads";

Console.Error.WriteLine($"Starting servers (data in {data})…");
var postgresFolder = Path.Combine(data, "postgres");
await using var postgres = await PostgresServer.StartAsync(postgresFolder, 55434, throwaway: false);
await using var redisServer = await RedisServer.StartAsync(Path.Combine(data, "redis"), 56381, throwaway: false);
var keyPrefix = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var plans = new PlanCapture();
await using var services = BenchmarkServices.Create(postgres.ConnectionString("productbrowser"), redisServer.ConnectionString, keyPrefix, products, plans);

await services.GetRequiredService<CatalogDatabaseMigrator>().MigrateAsync(CancellationToken.None);
var seed = await services.GetRequiredService<DemoCatalogSeeder>().SeedAsync(CancellationToken.None);
Console.Error.WriteLine($"Catalog: {seed.ProductCount:N0} products ({seed.Inserted:N0} loaded now in {seed.Elapsed.TotalSeconds:F1} s).");

var demoSeed = services.GetRequiredService<IOptions<DemoCatalogOptions>>().Value.Seed;
if (section == "requests")
{
    var (requestTable, requestNotes) = await MeasureRequestsAsync();
    Console.WriteLine(string.Join('\n', requestTable.Concat(requestNotes)));
    return 0;
}

if (section == "freshness")
{
    var (freshLines, freshNotes) = await new FreshnessScenarios(services, products).RunAsync();
    Console.WriteLine(string.Join('\n', freshLines.Concat(freshNotes)));
    return 0;
}

if (section == "throughput")
{
    var (quickTable, quickNotes) = await new ThroughputScenarios(services, plans, products).RunAsync();
    Console.WriteLine(string.Join('\n', quickTable.Concat(quickNotes)));
    return 0;
}

Console.Error.WriteLine("Measuring product reads…");
await using var readServices = BenchmarkServices.Create(postgres.ConnectionString("productbrowser"), redisServer.ConnectionString, keyPrefix, products, plans: null);
await using var withMemoryTier = BenchmarkServices.Create(postgres.ConnectionString("productbrowser"), redisServer.ConnectionString, keyPrefix, products, plans: null,
    new Dictionary<string, string?> { ["Cache:MemoryTier"] = "true" });
var reads = await new ReadPathScenarios(readServices, withMemoryTier, products, iterations).RunAsync();
if (readsOnly)
{
    foreach (var row in reads)
    {
        Console.WriteLine($"{row.Scenario,-45} p50 {row.P50,8:F3}  p95 {row.P95,8:F3}  {row.BytesPerOp / 1024.0,6:F1} KB");
    }

    return 0;
}

Console.Error.WriteLine("Measuring SKU lookups…");
var lookups = await new SkuLookupScenarios(services, products, iterations, demoSeed).RunAsync();

Console.Error.WriteLine("Measuring the product list…");
var listResults = await new ListScenarios(services, plans, Math.Max(50, iterations / 5), demoSeed,
    Path.Combine(options.GetValueOrDefault("plans", "docs/benchmarks/plans"))).RunAsync();

Console.Error.WriteLine("Measuring outages and invalidation…");
var (resilience, resilienceNotes) = await new ResilienceScenarios(services, redisServer, products).RunAsync();

Console.Error.WriteLine("Measuring freshness…");
var (freshness, freshnessNotes) = await new FreshnessScenarios(services, products).RunAsync();

Console.Error.WriteLine("Measuring throughput and database relief…");
var (throughput, throughputNotes) = await new ThroughputScenarios(services, plans, products).RunAsync();

var (requests, requestsNotes) = await MeasureRequestsAsync();

var report = new Report(
    Products: products,
    Iterations: iterations,
    Machine: $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
    PostgresVersion: await ScalarAsync(services.GetRequiredService<NpgsqlDataSource>(), "SHOW server_version"),
    RedisVersion: services.GetRequiredService<IConnectionMultiplexer>().GetServers()[0].Version.ToString(),
    Reads: reads,
    Lookups: lookups,
    List: listResults,
    Resilience: resilience,
    ResilienceNotes: resilienceNotes,
    Throughput: throughput,
    ThroughputNotes: throughputNotes,
    Requests: requests,
    RequestsNotes: requestsNotes,
    Freshness: freshness,
    FreshnessNotes: freshnessNotes);

var markdown = report.ToMarkdown();
// Circuit capacity has its own harness (a browser with 200 tabs); its latest report joins this one, so there is one.
var circuits = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.GetValueOrDefault("report", "docs/benchmarks.md")))!, "benchmarks", "circuits.md");
if (File.Exists(circuits))
{
    var lines = (await File.ReadAllLinesAsync(circuits)).SkipWhile(l => l.StartsWith("# ", StringComparison.Ordinal));
    markdown += Environment.NewLine + "## Circuit capacity of one instance" + Environment.NewLine + Environment.NewLine +
        "From `scripts/benchmark-circuits.sh`, its own run ([`benchmarks/circuits.md`](benchmarks/circuits.md)):" + Environment.NewLine +
        string.Join(Environment.NewLine, lines) + Environment.NewLine;
}

Console.WriteLine(markdown);
if (options.TryGetValue("report", out var reportPath))
{
    await File.WriteAllTextAsync(reportPath, markdown);
    Console.Error.WriteLine($"Report written to {reportPath}");
}

// Leave nothing of this run in Redis.
var server = services.GetRequiredService<IConnectionMultiplexer>().GetServers()[0];
var db = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
await foreach (var key in server.KeysAsync(pattern: keyPrefix + "*", pageSize: 1000))
{
    await db.KeyDeleteAsync(key, CommandFlags.FireAndForget);
}

return 0;

async Task<(IReadOnlyList<string>, IReadOnlyList<string>)> MeasureRequestsAsync()
{
    Console.Error.WriteLine("Measuring whole requests (wrk)…");
    return await new ProductBrowser.Benchmarks.Requests.RequestScenarios(
        postgres.ConnectionString("productbrowser"), redisServer.ConnectionString, keyPrefix + "-web", products).RunAsync();
}

static async Task<string> ScalarAsync(NpgsqlDataSource dataSource, string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (string)(await command.ExecuteScalarAsync())!;
}
