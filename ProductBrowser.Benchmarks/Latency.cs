using System.Diagnostics;

namespace ProductBrowser.Benchmarks;

/// <summary>
/// Percentiles of one scenario's samples in milliseconds, and the bytes the whole process allocated per operation
/// (including the Redis and Npgsql I/O threads, which is what a read really costs).
/// </summary>
internal sealed record Latency(string Scenario, int Samples, double P50, double P95, double P99, double Mean, long BytesPerOp)
{
    private const int Block = 50;

    public static async Task<Latency> MeasureAsync(string scenario, int iterations, Func<int, Task> operation, int warmup = 50) =>
        (await MeasureSideBySideAsync(iterations, [new Scenario(scenario, operation, Warmup: warmup)]))[0];

    /// <summary>
    /// Measures scenarios in alternating blocks of <see cref="Block"/> operations, so drift on a shared machine (another
    /// process waking up, the CPU clocking down) lands on all of them alike and their ratios stay fair. A scenario's
    /// <see cref="Scenario.Prepare"/> step runs before each operation, outside the timing and the allocation count.
    /// </summary>
    public static async Task<IReadOnlyList<Latency>> MeasureSideBySideAsync(int iterations, IReadOnlyList<Scenario> scenarios)
    {
        foreach (var scenario in scenarios)
        {
            for (var i = 0; i < scenario.Warmup; i++)
            {
                await scenario.RunPrepareAsync(-1 - i);
                await scenario.Operation(-1 - i);
            }
        }

        var samples = scenarios.Select(_ => new double[iterations]).ToArray();
        var allocated = new long[scenarios.Count];
        for (var start = 0; start < iterations; start += Block)
        {
            for (var s = 0; s < scenarios.Count; s++)
            {
                for (var i = start; i < Math.Min(start + Block, iterations); i++)
                {
                    await scenarios[s].RunPrepareAsync(i);
                    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var started = Stopwatch.GetTimestamp();
                    await scenarios[s].Operation(i);
                    samples[s][i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    allocated[s] += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                }
            }
        }

        return [.. scenarios.Select((scenario, s) =>
        {
            Array.Sort(samples[s]);
            return new Latency(scenario.Name, iterations, Percentile(samples[s], 0.50), Percentile(samples[s], 0.95),
                Percentile(samples[s], 0.99), samples[s].Average(), allocated[s] / iterations);
        })];
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>One measured operation; <paramref name="Prepare"/> (untimed) runs before each call, e.g. to evict an entry.</summary>
internal sealed record Scenario(string Name, Func<int, Task> Operation, Func<int, Task>? Prepare = null, int Warmup = 50)
{
    public Task RunPrepareAsync(int i) => Prepare?.Invoke(i) ?? Task.CompletedTask;
}
