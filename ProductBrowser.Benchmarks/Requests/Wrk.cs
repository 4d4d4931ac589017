using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ProductBrowser.Benchmarks.Requests;

/// <summary>One wrk run's figures: requests per second, latency percentiles (ms) and responses other than 2xx.</summary>
internal sealed record WrkResult(long Requests, double Seconds, double P50, double P95, double P99, long Failed)
{
    /// <summary>CPU time the app's process used during the run (filled in by the caller).</summary>
    public TimeSpan AppCpu { get; init; }

    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// Drives wrk (Debian's package) on loopback: cycles through the given paths with the sign-in cookie, and reads the
/// figures a small Lua <c>done</c> hook prints.
/// </summary>
internal static class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri baseAddress, IReadOnlyList<string> paths, string cookie, TimeSpan duration, int connections)
    {
        var script = Path.Combine(Path.GetTempPath(), $"productbrowser-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(paths, cookie));
        try
        {
            var start = new ProcessStartInfo("wrk")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "-t1", $"-c{connections}", string.Create(CultureInfo.InvariantCulture, $"-d{duration.TotalSeconds:F0}s"),
                         "--timeout", "10s", "-s", script, baseAddress.ToString(),
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}): {output} {errors}");
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new WrkResult((long)f[0], f[1] / 1e6, f[2] / 1e3, f[3] / 1e3, f[4] / 1e3, (long)f[5]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Script(IReadOnlyList<string> paths, string cookie)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local paths = {");
        foreach (var path in paths)
        {
            lua.Append("  \"").Append(path).AppendLine("\",");
        }

        lua.AppendLine("}");
        lua.Append("wrk.headers[\"Cookie\"] = \"").Append(cookie.Replace("\"", "\\\"", StringComparison.Ordinal)).AppendLine("\"");
        lua.AppendLine("""
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            done = function(summary, latency, requests)
              local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
              io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(95), latency:percentile(99), failed))
            end
            """);
        return lua.ToString();
    }
}
