using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ProductBrowser.Benchmarks.Circuits;

/// <summary>Writes docs/benchmarks/circuits.md: the machine, versions, the numbers and how they were taken.</summary>
public static class CircuitsReport
{
    private const double TargetKbPerCircuit = 300;
    private const double TargetP95Milliseconds = 100;

    public static async Task WriteAsync(string path, CircuitCapacityOptions options, CircuitCapacityResult r, string chromiumVersion, string loadBefore)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Circuit capacity of one instance");
        text.AppendLine();
        text.AppendLine(c, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `scripts/benchmark-circuits.sh` (ProductBrowser.Benchmarks.Circuits).");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        text.AppendLine(c, $"| machine | {CpuModel()}, {Environment.ProcessorCount} cores, {MemoryTotalGb():F1} GB RAM, {RuntimeInformation.OSDescription}; load average {loadBefore} when the run started (browser and servers share these cores) |");
        text.AppendLine(c, $"| app | published Release build, Production environment, {(r.With.ServerGC ? "server" : "workstation")} GC, {RuntimeInformation.FrameworkDescription} |");
        text.AppendLine(c, $"| browser | Chromium {chromiumVersion} (headless, one browser, one context, a tab per circuit), Playwright {typeof(Microsoft.Playwright.IPlaywright).Assembly.GetName().Version} |");
        text.AppendLine(c, $"| servers | {Version("/usr/sbin/redis-server", "/usr/bin/redis-server")}; PostgreSQL {PostgresVersion()}, same machine |");
        text.AppendLine(c, $"| catalog | {options.Products:N0} demo products |");
        text.AppendLine();
        text.AppendLine("| circuits | working set Δ / circuit | managed heap Δ / circuit | GC heap size Δ / circuit | idle CPU | interaction p50 | interaction p95 | max | still connected |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(c, $"| {r.Circuits} ({r.CatalogPages} catalog, {r.DetailsPages} details) | {r.ResidentPerCircuitKb:F0} KB | {r.ManagedPerCircuitKb:F0} KB | {r.HeapPerCircuitKb:F0} KB | {r.IdleCpuPercent:F2} % | {r.Percentile(50):F1} ms | {r.Percentile(95):F1} ms | {r.InteractionMilliseconds.Max():F1} ms | {r.ConnectedAtEnd}/{r.Circuits} |");
        text.AppendLine();
        text.AppendLine("| per page | working set Δ / circuit | managed heap Δ / circuit | GC heap size Δ / circuit |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(c, $"| catalog (`/products`, {r.CatalogPages} tabs) | {r.CatalogPerCircuitKb.Resident:F0} KB | {r.CatalogPerCircuitKb.Managed:F0} KB | {r.CatalogPerCircuitKb.Heap:F0} KB |");
        text.AppendLine(c, $"| details (`/products/{{id}}`, {r.DetailsPages} tabs) | {r.DetailsPerCircuitKb.Resident:F0} KB | {r.DetailsPerCircuitKb.Managed:F0} KB | {r.DetailsPerCircuitKb.Heap:F0} KB |");
        text.AppendLine();
        text.AppendLine(c, $"Targets: ≤ {TargetKbPerCircuit:F0} KB per idle circuit (working set: {Verdict(r.ResidentPerCircuitKb <= TargetKbPerCircuit)}; managed heap: {Verdict(r.ManagedPerCircuitKb <= TargetKbPerCircuit)}) and interaction p95 ≤ {TargetP95Milliseconds:F0} ms ({Verdict(r.Percentile(95) <= TargetP95Milliseconds)}).");
        text.AppendLine();
        text.AppendLine("| after forced full collections | resident (VmRSS) | managed (live objects) | GC heap size | GC committed |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        text.AppendLine(c, $"| baseline ({options.WarmupTabs + 2} warm tabs) | {Mb(r.Before.ResidentBytes)} | {Mb(r.Before.ManagedBytes)} | {Mb(r.Before.HeapSizeBytes)} | {Mb(r.Before.CommittedBytes)} |");
        text.AppendLine(c, $"| plus {r.CatalogPages} catalog circuits | {Mb(r.WithCatalog.ResidentBytes)} | {Mb(r.WithCatalog.ManagedBytes)} | {Mb(r.WithCatalog.HeapSizeBytes)} | {Mb(r.WithCatalog.CommittedBytes)} |");
        text.AppendLine(c, $"| plus {r.DetailsPages} details circuits ({r.Circuits} in all) | {Mb(r.With.ResidentBytes)} | {Mb(r.With.ManagedBytes)} | {Mb(r.With.HeapSizeBytes)} | {Mb(r.With.CommittedBytes)} |");
        text.AppendLine();
        text.AppendLine("How it was measured:");
        text.AppendLine();
        text.AppendLine("- The app runs as its own process (`dotnet ProductBrowser.dll`, published) against PostgreSQL and Redis started for the run.");
        text.AppendLine(c, $"  A details tab and a catalog tab are opened and the catalog sorted 20 times, then {options.WarmupTabs} more tabs (half catalog, half details) are opened 8 at a time and each catalog one sorted once; all stay open: the baseline. One-time costs (JIT and tiering of these paths, thread-pool growth) land before it, not in memory per circuit.");
        text.AppendLine(c, $"- Then {r.CatalogPages} tabs on `/products` are opened, 8 at a time, each waiting until its circuit is interactive, and memory is measured; then {r.DetailsPages} tabs on `/products/{{id}}` (a different product each), and memory again ({r.OpeningTime.TotalSeconds:F0} s of opening in all).");
        text.AppendLine(c, $"- Memory: `POST /diagnostics/memory` (admin only, on only with `Diagnostics:MemoryEndpoint=true`) forces two full compacting collections and reports the GC's numbers; the resident set is `VmRSS` from `/proc/PID/status` right after. Deltas are (with circuits − baseline) / {r.Circuits}; per page, the step each page's tabs added / their number.");
        text.AppendLine(c, $"- Idle CPU: user + system time of the app process from `/proc/PID/stat` over {r.IdleWindow.TotalSeconds:F0} s with every tab open and untouched, as a percentage of one core ({options.Settle.TotalSeconds:F0} s after the last tab opened).");
        text.AppendLine(c, $"- Interaction latency: {r.InteractionMilliseconds.Count} clicks on \"Sort by Weight\", one after another over the catalog tabs, timed inside the page from the click until the first row shows another product (circuit round trip, keyset query, render, DOM update), with all {r.Circuits} circuits open.");
        text.AppendLine("- \"Still connected\": tabs whose reconnect dialog is not open at the end.");
        text.AppendLine();
        text.AppendLine("Reproduce: `./scripts/benchmark-circuits.sh` (settings: `CIRCUITS`, `PRODUCTS`, `INTERACTIONS`).");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text.ToString());
        if (options.MainReport is { } main && File.Exists(main))
        {
            await JoinMainReportAsync(main, text.ToString());
        }
    }

    /// <summary>
    /// Replaces the circuit section at the end of the main benchmark report (docs/benchmarks.md) with this run, as the
    /// main benchmark does when it writes its report, so the two never disagree.
    /// </summary>
    private static async Task JoinMainReportAsync(string mainReport, string circuitsReport)
    {
        const string Heading = "## Circuit capacity of one instance";
        var main = await File.ReadAllTextAsync(mainReport);
        var at = main.IndexOf(Environment.NewLine + Heading, StringComparison.Ordinal);
        var lines = circuitsReport.Split(Environment.NewLine).SkipWhile(l => l.StartsWith("# ", StringComparison.Ordinal));
        var section = Heading + Environment.NewLine + Environment.NewLine +
            "From `scripts/benchmark-circuits.sh`, its own run ([`benchmarks/circuits.md`](benchmarks/circuits.md)):" + Environment.NewLine +
            string.Join(Environment.NewLine, lines);
        main = (at < 0 ? main : main[..at]).TrimEnd() + Environment.NewLine + Environment.NewLine + section.TrimEnd() + Environment.NewLine;
        await File.WriteAllTextAsync(mainReport, main);
        Console.WriteLine($"Circuit section of {mainReport} replaced");
    }

    private static string Verdict(bool met) => met ? "met" : "not met";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static double MemoryTotalGb()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1048576.0;
    }

    private static string PostgresVersion() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "postgres")).Where(File.Exists)
                .Select(p => Version(p).Replace("postgres (PostgreSQL) ", "", StringComparison.Ordinal)).FirstOrDefault() ?? "?"
            : "?";

    private static string Version(params string[] candidates)
    {
        var file = candidates.FirstOrDefault(File.Exists);
        if (file is null)
        {
            return "?";
        }

        using var process = Process.Start(new ProcessStartInfo(file, "--version") { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output.Split(" sha=")[0];
    }
}
