using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using ProductBrowser.LocalServers;

namespace ProductBrowser.Benchmarks.Circuits;

/// <summary>
/// Scan-to-result time on <c>/lookup</c>, in the browser, through a proxy adding 0 and then 100 ms each way: from the
/// scan's terminator to the item on screen, one scan at a time and in bursts (50 scans 30 ms apart), next to the
/// network round trip measured the same way (a small request on the same connection).
/// </summary>
public sealed class ScanLatencyRun(AppProcess app, IBrowser browser, string adminPassword, int products)
{
    private const int Singles = 100;
    private const int Burst = 50;

    // Types a scan as a wedge scanner's Enter ends it (the page's own listener takes it) and times until the lookup's
    // answer for that scan is rendered.
    private const string TimedScan = """
        async ([code, expected]) => {
            const input = document.getElementById('scan-input');
            const current = document.querySelector('[data-testid=lookup-current]');
            const started = performance.now();
            await new Promise((resolve, reject) => {
                const timeout = setTimeout(() => reject(new Error('no answer within 10 s')), 10000);
                const observer = new MutationObserver(() => {
                    if (current.dataset.seq === expected) { observer.disconnect(); clearTimeout(timeout); resolve(); }
                });
                observer.observe(current, { attributes: true });
                input.value = code;
                input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
            });
            return performance.now() - started;
        }
        """;

    // Fifty scans 30 ms apart; for each, the time from its terminator to its line in the scan log showing the answer.
    private const string TimedBurst = """
        async ([codes, firstSeq]) => {
            const input = document.getElementById('scan-input');
            const taken = [];
            const answered = new Map();
            const log = () => document.querySelector('[data-testid=scan-log]');
            const observer = new MutationObserver(() => {
                for (const li of log()?.querySelectorAll('li:not([data-state=pending])') ?? []) {
                    const seq = Number(li.dataset.seq);
                    if (!answered.has(seq)) answered.set(seq, performance.now());
                }
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            for (const code of codes) {
                taken.push(performance.now());
                input.value = code;
                input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
                await new Promise(r => setTimeout(r, 30));
            }
            const last = firstSeq + codes.length - 1;
            const deadline = performance.now() + 30000;
            while (!answered.has(last) && performance.now() < deadline) await new Promise(r => setTimeout(r, 20));
            observer.disconnect();
            return taken.map((t, i) => (answered.get(firstSeq + i) ?? NaN) - t);
        }
        """;

    private const string TimedRoundTrip = """
        async () => {
            const started = performance.now();
            await fetch('/alive', { cache: 'no-store' });
            return performance.now() - started;
        }
        """;

    public async Task<IReadOnlyList<ScanLatencyResult>> RunAsync()
    {
        var results = new List<ScanLatencyResult>();
        await using var proxy = new LatencyProxy(app.BaseAddress, TimeSpan.Zero);
        foreach (var delay in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(100) })
        {
            proxy.OneWayDelay = delay;
            var context = await browser.NewContextAsync(new() { BaseURL = proxy.BaseAddress.ToString() });
            context.SetDefaultTimeout(60_000);
            await CircuitCapacityRun.SignInAsync(context, adminPassword);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/lookup");
            await page.Locator("#scan-input[data-ready=true]").WaitForAsync();

            var sequence = 0;
            async Task<double> ScanAsync(string code) =>
                await page.EvaluateAsync<double>(TimedScan, new object[] { code, (++sequence).ToString(CultureInfo.InvariantCulture) });

            // Warm-up: JIT, the connection pools, cached codes of other products.
            for (var i = 0; i < 20; i++)
            {
                await ScanAsync(await SkuAsync(page, i));
            }

            var roundTrips = new List<double>();
            var singles = new List<double>();
            for (var i = 0; i < Singles; i++)
            {
                roundTrips.Add(await page.EvaluateAsync<double>(TimedRoundTrip));
                singles.Add(await ScanAsync(await SkuAsync(page, 100 + i)));
            }

            var burstCodes = new List<string>();
            for (var i = 0; i < Burst; i++)
            {
                burstCodes.Add(await SkuAsync(page, 1_000 + i));
            }

            var burst = await page.EvaluateAsync<double[]>(TimedBurst, new object[] { burstCodes.ToArray(), sequence + 1 });
            results.Add(new ScanLatencyResult(delay, roundTrips, singles, [.. burst]));
            await context.CloseAsync();
        }

        return results;
    }

    /// <summary>The SKU of demo product <paramref name="n"/> (of those there are), read from the product API as the admin.</summary>
    private Task<string> SkuAsync(IPage page, int n) =>
        page.EvaluateAsync<string>("async id => (await (await fetch('/api/products/' + id)).json()).sku",
            CircuitCapacityRun.ProductId(1 + n % products));

    public static string Markdown(IReadOnlyList<ScanLatencyResult> results, string chromium, string load)
    {
        var text = new StringBuilder();
        text.AppendLine("| Added latency each way | Round trip p50 | Scan → item p50 | p95 | p50 / round trip | Burst of 50, 30 ms apart: p50 | p95 |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Delay.TotalMilliseconds:0} ms | {Percentile(r.RoundTrips, 50):F1} ms | {Percentile(r.Singles, 50):F1} ms | {Percentile(r.Singles, 95):F1} ms | {Percentile(r.Singles, 50) / Percentile(r.RoundTrips, 50):F2}× | {Percentile(r.Burst, 50):F1} ms | {Percentile(r.Burst, 95):F1} ms |"));
        }

        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Singles} single scans and a burst of {Burst} per row, Chromium {chromium}, load average {load} before the run."));
        return text.ToString();
    }

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}

public sealed record ScanLatencyResult(TimeSpan Delay, IReadOnlyList<double> RoundTrips, IReadOnlyList<double> Singles, IReadOnlyList<double> Burst);
