using System.Globalization;
using Microsoft.Playwright;
using ProductBrowser.Benchmarks.Circuits;
using ProductBrowser.LocalServers;

// Circuit capacity of one instance; see CircuitCapacityRun. Usage: scripts/benchmark-circuits.sh
var options = CircuitCapacityOptions.Parse(args);
var root = Path.Combine(Path.GetTempPath(), $"productbrowser-circuits-{Guid.NewGuid():N}");
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
try
{
    await using var postgres = await PostgresServer.StartAsync(Path.Combine(root, "postgres"), ServerPorts.Free(), throwaway: true);
    await using var redis = await RedisServer.StartAsync(Path.Combine(root, "redis"), ServerPorts.Free(), throwaway: true);

    // A password of this run only: outside Development the app refuses demo passwords.
    var adminPassword = $"Circuits-{Guid.NewGuid():N}";
    Console.WriteLine($"Starting the app with {options.Products:N0} demo products");
    await using var app = await AppProcess.StartAsync(options.AppDll, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings:Catalog"] = postgres.ConnectionString(),
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
        ["DemoCatalog:Enabled"] = "true",
        ["DemoCatalog:ProductCount"] = options.Products.ToString(CultureInfo.InvariantCulture),
        ["Security:Users:0:UserName"] = CircuitCapacityOptions.AdminUser,
        ["Security:Users:0:Password"] = adminPassword,
        ["Security:Users:0:Role"] = "Admin",
        ["Diagnostics:MemoryEndpoint"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
    });

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
        Headless = true,
    });

    if (args.Contains("--scans"))
    {
        // Scan-to-result latency on /lookup instead of circuit capacity: see ScanLatencyRun.
        var scans = await new ScanLatencyRun(app, browser, adminPassword, options.Products).RunAsync();
        var markdown = ScanLatencyRun.Markdown(scans, browser.Version, loadBefore);
        Console.WriteLine(markdown);
        await File.WriteAllTextAsync(options.Report, "# Scan-to-result latency\n\nWritten by `scripts/benchmark-scans.sh`.\n\n" + markdown);
        return;
    }

    var result = await new CircuitCapacityRun(options, app, browser, adminPassword).RunAsync();
    await CircuitsReport.WriteAsync(options.Report, options, result, browser.Version, loadBefore);
    Console.WriteLine($"{result.Circuits} circuits: {result.ResidentPerCircuitKb:F0} KB working set and {result.ManagedPerCircuitKb:F0} KB managed heap each, " +
        $"idle CPU {result.IdleCpuPercent:F2} %, interaction p95 {result.Percentile(95):F1} ms; written to {options.Report}");
}
finally
{
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // Leftovers in the temp folder are harmless.
    }
}
