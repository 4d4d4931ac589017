using System.Globalization;
using System.Text;

namespace ProductBrowser.Benchmarks;

internal sealed record Report(
    int Products, int Iterations, string Machine, string PostgresVersion, string RedisVersion,
    IReadOnlyList<Latency> Reads, IReadOnlyList<Latency> Lookups, IReadOnlyList<Latency> List,
    IReadOnlyList<Latency> Resilience, IReadOnlyList<string> ResilienceNotes,
    IReadOnlyList<string> Throughput, IReadOnlyList<string> ThroughputNotes,
    IReadOnlyList<string> Requests, IReadOnlyList<string> RequestsNotes,
    IReadOnlyList<string> Freshness, IReadOnlyList<string> FreshnessNotes)
{
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# ProductBrowser benchmarks").AppendLine();
        md.AppendLine(Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine}; PostgreSQL {PostgresVersion}, Redis {RedisVersion}; "))
          .AppendLine(Invariant($"{Products:N0}-product demo catalog, {Iterations:N0} samples per scenario, one caller, servers on loopback."))
          .AppendLine("Absolute times on a shared machine are noisy: compare the ratios, which come from the same run.").AppendLine();

        md.AppendLine("## Product detail reads").AppendLine();
        md.AppendLine("Three groups, each measured side by side in alternating blocks of 50 reads: hits; misses of one product whose")
          .AppendLine("row PostgreSQL has in memory (its cache entry removed, untimed, before each read); misses of random products.").AppendLine();
        Table(md, Reads);
        md.AppendLine(Invariant($"- Service hit p50 / raw Redis GET + deserialize p50: **{Ratio(Reads, ReadPathScenarios.ServiceHit, ReadPathScenarios.RawRedis):F2}×** (target ≤ 1.15×)"));
        md.AppendLine(Invariant($"- Service miss p50 / raw Redis GET + raw prepared Npgsql select p50: **{Ratio(Reads, ReadPathScenarios.ServiceMiss, ReadPathScenarios.RawFloor):F2}×** (target ≤ 1.3×)"));
        md.AppendLine(Invariant($"- Service hit p50 / HybridCache Redis hit p50: **{Ratio(Reads, ReadPathScenarios.ServiceHit, ReadPathScenarios.HybridHit):F2}×**; / FusionCache Redis hit (L1 off) p50: **{Ratio(Reads, ReadPathScenarios.ServiceHit, ReadPathScenarios.FusionHit):F2}×** (target ≤ 1×); allocated per hit: service {Find(Reads, ReadPathScenarios.ServiceHit).BytesPerOp / 1024.0:F1} KB, HybridCache {Find(Reads, ReadPathScenarios.HybridHit).BytesPerOp / 1024.0:F1} KB, FusionCache {Find(Reads, ReadPathScenarios.FusionHit).BytesPerOp / 1024.0:F1} KB"));
        md.AppendLine(Invariant($"- Service miss p50 / HybridCache miss p50: **{Ratio(Reads, ReadPathScenarios.ServiceMiss, ReadPathScenarios.HybridMiss):F2}×**; / FusionCache miss p50: **{Ratio(Reads, ReadPathScenarios.ServiceMiss, ReadPathScenarios.FusionMiss):F2}×**"));
        md.AppendLine(Invariant($"- EF query p50 / service hit p50: **{Ratio(Reads, ReadPathScenarios.EfQuery, ReadPathScenarios.ServiceHit):F2}×**"));
        md.AppendLine(Invariant($"- With the optional in-memory tier on, a hit costs p50 **{Find(Reads, ReadPathScenarios.ServiceMemoryHit).P50 * 1000:F1} µs** ({Ratio(Reads, ReadPathScenarios.ServiceMemoryHit, ReadPathScenarios.ServiceHit):F3}× a Redis hit)")).AppendLine();

        Section(md, "Throughput (one product, concurrent callers, 3 alternating rounds of 1 s each)", Throughput, ThroughputNotes);
        Section(md, "Whole requests (wrk on loopback)", Requests, RequestsNotes);
        md.AppendLine("## Warehouse SKU lookups").AppendLine();
        Table(md, Lookups);
        md.AppendLine(Invariant($"- Cached SKU lookup p50 / raw PostgreSQL select by SKU p50: **{Ratio(Lookups, "SKU lookup, cached SKU", "Raw Npgsql select by SKU (same SKU)"):F2}×**"));
        md.AppendLine(Invariant($"- Repeated unknown SKU p50 / first unknown SKU p50: **{Ratio(Lookups, "SKU lookup, unknown SKU (repeated)", "SKU lookup, unknown SKU (first time)"):F2}×** (the short-lived not-found entry at work)")).AppendLine();

        md.AppendLine("## Staff product list").AppendLine();
        md.AppendLine("Keyset paging, trigram search and one index per sort; the plan behind every row is in")
          .AppendLine("[`benchmarks/plans/`](benchmarks/plans/) (EXPLAIN ANALYZE of the exact SQL the app sends).").AppendLine();
        Table(md, List);
        var worst = List.MaxBy(r => r.P95)!;
        md.AppendLine(Invariant($"- Slowest p95: **{worst.P95:F1} ms** ({worst.Scenario}); target ≤ 50 ms for every case.")).AppendLine();

        md.AppendLine("## Outages and invalidation").AppendLine();
        Table(md, Resilience);
        var raw = Find(Reads, ReadPathScenarios.RawNpgsql);
        var open = Find(Resilience, "Read while Redis hangs, breaker open");
        md.AppendLine(Invariant($"- A read while Redis hangs and the breaker is open costs p99 **{open.P99:F2} ms** (a raw prepared PostgreSQL select: p99 {raw.P99:F2} ms in the same run); Redis is not waited for at all."));
        foreach (var note in ResilienceNotes)
        {
            md.AppendLine("- " + note);
        }

        md.AppendLine();
        Section(md, "Freshness (change feed, tombstones, compare-and-set fills)", Freshness, FreshnessNotes);
        return md.ToString();
    }

    /// <summary>A section whose table and notes were written by its scenarios.</summary>
    private static void Section(StringBuilder md, string title, IReadOnlyList<string> lines, IReadOnlyList<string> notes)
    {
        md.AppendLine("## " + title).AppendLine();
        foreach (var line in lines)
        {
            md.AppendLine(line);
        }

        md.AppendLine();
        foreach (var note in notes)
        {
            md.AppendLine("- " + note);
        }

        md.AppendLine();
    }

    private static void Table(StringBuilder md, IReadOnlyList<Latency> rows)
    {
        md.AppendLine("| scenario | p50 ms | p95 ms | p99 ms | mean ms | allocated / op |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            md.AppendLine(Invariant($"| {r.Scenario} | {r.P50:F3} | {r.P95:F3} | {r.P99:F3} | {r.Mean:F3} | {r.BytesPerOp / 1024.0:F1} KB |"));
        }

        md.AppendLine();
    }

    private static Latency Find(IReadOnlyList<Latency> rows, string scenario) => rows.Single(r => r.Scenario == scenario);

    private static double Ratio(IReadOnlyList<Latency> rows, string numerator, string denominator) =>
        Find(rows, numerator).P50 / Find(rows, denominator).P50;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
