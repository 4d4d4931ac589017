using System.Globalization;
using System.Text;

namespace ProductBrowser.Benchmarks;

internal sealed record Report(
    int Products, int Iterations, string Machine, string PostgresVersion, string RedisVersion,
    IReadOnlyList<Latency> Reads, IReadOnlyList<Latency> Lookups, IReadOnlyList<Latency> List,
    IReadOnlyList<Latency> Resilience, IReadOnlyList<string> ResilienceNotes,
    IReadOnlyList<string> Throughput, IReadOnlyList<string> ThroughputNotes,
    IReadOnlyList<string> Requests, IReadOnlyList<string> RequestsNotes)
{
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# ProductBrowser benchmarks").AppendLine();
        md.AppendLine(Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine}; PostgreSQL {PostgresVersion}, Redis {RedisVersion}; "))
          .AppendLine(Invariant($"{Products:N0}-product demo catalog, {Iterations:N0} samples per scenario, one caller, servers on loopback."))
          .AppendLine("Absolute times on a shared machine are noisy: compare the ratios, which come from the same run.").AppendLine();

        md.AppendLine("## Product detail reads").AppendLine();
        Table(md, Reads);
        md.AppendLine(Invariant($"- Service hit p50 / raw Redis GET + deserialize p50: **{Ratio(Reads, "ProductQueryService hit", "Raw Redis GET + deserialize"):F2}×**"));
        var floor = Find(Reads, "Raw Redis GET + deserialize").P50 + Find(Reads, "Raw Npgsql prepared select by id").P50;
        md.AppendLine(Invariant($"- Service miss p50 / (raw Redis GET + raw Npgsql select) p50: **{Find(Reads, "ProductQueryService miss").P50 / floor:F2}×**"));
        md.AppendLine(Invariant($"- EF query p50 / service hit p50: **{Ratio(Reads, "EF Core query by id (not compiled)", "ProductQueryService hit"):F2}×**"));
        md.AppendLine(Invariant($"- Service hit p50 / HybridCache Redis hit p50: **{Ratio(Reads, "ProductQueryService hit", "HybridCache hit (Redis, local cache off)"):F2}×**; / FusionCache Redis hit (L1 off) p50: **{Ratio(Reads, "ProductQueryService hit", "FusionCache hit (Redis, L1 off)"):F2}×**"));
        md.AppendLine(Invariant($"- Service miss p50 / HybridCache miss p50: **{Ratio(Reads, "ProductQueryService miss", "HybridCache miss"):F2}×**; / FusionCache miss p50: **{Ratio(Reads, "ProductQueryService miss", "FusionCache miss (L1 off)"):F2}×**")).AppendLine();

        md.AppendLine("## Throughput (one product, concurrent callers, 3 alternating rounds of 1 s each)").AppendLine();
        foreach (var line in Throughput)
        {
            md.AppendLine(line);
        }

        md.AppendLine();
        foreach (var note in ThroughputNotes)
        {
            md.AppendLine("- " + note);
        }

        md.AppendLine();
        md.AppendLine("## Whole requests (wrk on loopback)").AppendLine();
        foreach (var line in Requests)
        {
            md.AppendLine(line);
        }

        md.AppendLine();
        foreach (var note in RequestsNotes)
        {
            md.AppendLine("- " + note);
        }

        md.AppendLine();
        md.AppendLine("## Warehouse SKU lookups").AppendLine();
        Table(md, Lookups);
        md.AppendLine(Invariant($"- Cached SKU lookup p50 / raw PostgreSQL select by SKU p50: **{Ratio(Lookups, "SKU lookup, cached SKU", "Raw Npgsql select by SKU (same SKU)"):F2}×**"));
        md.AppendLine(Invariant($"- Repeated unknown SKU p50 / first unknown SKU p50: **{Ratio(Lookups, "SKU lookup, unknown SKU (repeated)", "SKU lookup, unknown SKU (first time)"):F2}×** (the short-lived not-found entry at work)"));

        md.AppendLine("## Staff product list").AppendLine();
        md.AppendLine("Keyset paging, trigram search and one index per sort; the plan behind every row is in")
          .AppendLine("[`benchmarks/plans/`](benchmarks/plans/) (EXPLAIN ANALYZE of the exact SQL the app sends).").AppendLine();
        Table(md, List);
        var worst = List.MaxBy(r => r.P95)!;
        md.AppendLine(Invariant($"- Slowest p95: **{worst.P95:F1} ms** ({worst.Scenario}); target ≤ 50 ms for every case.")).AppendLine();

        md.AppendLine("## Outages and invalidation").AppendLine();
        Table(md, Resilience);
        var raw = Find(Reads, "Raw Npgsql prepared select by id");
        var open = Find(Resilience, "Read while Redis hangs, breaker open");
        md.AppendLine(Invariant($"- A read while Redis hangs and the breaker is open costs p99 **{open.P99:F2} ms** (a raw prepared PostgreSQL select: p99 {raw.P99:F2} ms in the same run); Redis is not waited for at all."));
        foreach (var note in ResilienceNotes)
        {
            md.AppendLine("- " + note);
        }

        return md.ToString();
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
