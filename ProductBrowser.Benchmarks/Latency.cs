using System.Diagnostics;

namespace ProductBrowser.Benchmarks;

/// <summary>
/// Percentiles of one scenario's samples in milliseconds, and the bytes the whole process allocated per operation
/// (including the Redis and Npgsql I/O threads, which is what a read really costs).
/// </summary>
internal sealed record Latency(string Scenario, int Samples, double P50, double P95, double P99, double Mean, long BytesPerOp)
{
    public static async Task<Latency> MeasureAsync(string scenario, int iterations, Func<int, Task> operation, int warmup = 50)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(-1 - i);
        }

        var samples = new double[iterations];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Array.Sort(samples);
        return new Latency(scenario, iterations, Percentile(samples, 0.50), Percentile(samples, 0.95),
            Percentile(samples, 0.99), samples.Average(), allocated / iterations);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
