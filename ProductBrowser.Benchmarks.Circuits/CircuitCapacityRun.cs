using System.Diagnostics;
using Microsoft.Playwright;
using ProductBrowser.LocalServers;

namespace ProductBrowser.Benchmarks.Circuits;

/// <summary>
/// Opens <see cref="CircuitCapacityOptions.Circuits"/> tabs (half on the catalog, then half on product details, each a
/// circuit of its own) against one app process, then measures the process: memory per circuit after forced full
/// collections (after the catalog tabs and after all), CPU while every tab sits idle, and the latency of interactions
/// (a sort on the catalog) meanwhile.
/// </summary>
public sealed class CircuitCapacityRun(CircuitCapacityOptions options, AppProcess app, IBrowser browser, string adminPassword)
{
    private const string InteractiveMarker = "#app-interactive[data-interactive=true]";

    // Clicks a sort button in the page and times, in the page, until the first row shows another product: the round
    // trip through the circuit, the query and the render, without the test driver's own latency.
    private const string TimedSort = """
        async () => {
            const firstSku = () => document.querySelector('#product-list a.sku-link')?.textContent;
            const before = firstSku();
            const button = document.querySelector('button[aria-label="Sort by Weight"]');
            const started = performance.now();
            await new Promise((resolve, reject) => {
                const timeout = setTimeout(() => reject(new Error('no re-render within 10 s')), 10000);
                const observer = new MutationObserver(() => {
                    const now = firstSku();
                    if (now && now !== before) { observer.disconnect(); clearTimeout(timeout); resolve(); }
                });
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
                button.click();
            });
            return performance.now() - started;
        }
        """;

    public async Task<CircuitCapacityResult> RunAsync()
    {
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        await SignInAsync(context);

        // Warm-up: a catalog tab and a details tab, then WarmupTabs more opened 8 at a time as the measured ones will be,
        // stay open through the whole run (part of the baseline). Their paths are JIT-compiled and tiered up, and the
        // thread pool has grown, so one-time costs do not count as memory per circuit.
        await OpenAsync(context, $"/products/{ProductId(options.Products)}");
        var warm = await OpenAsync(context, "/products");
        var warmTabs = await OpenManyAsync(context, Enumerable.Range(0, options.WarmupTabs)
            .Select(n => n % 2 == 0 ? "/products" : $"/products/{ProductId(options.Products - 1 - n)}"));
        for (var i = 0; i < 20; i++)
        {
            await warm.EvaluateAsync<double>(TimedSort);
        }

        foreach (var tab in warmTabs.Where((_, n) => n % 2 == 0))
        {
            await tab.EvaluateAsync<double>(TimedSort);
        }

        await Task.Delay(options.Settle);
        var before = await MeasureMemoryAsync(context);
        Console.WriteLine($"Baseline: {before.ResidentBytes / 1048576.0:F1} MB resident, {before.ManagedBytes / 1048576.0:F1} MB managed");

        // Catalog tabs first, measured on their own, then the details tabs: what each page costs per circuit.
        var opening = Stopwatch.StartNew();
        var catalogTabs = await OpenManyAsync(context, Enumerable.Repeat("/products", options.Circuits / 2));
        opening.Stop();
        await Task.Delay(options.Settle);
        var withCatalog = await MeasureMemoryAsync(context);
        opening.Start();
        var detailsTabs = await OpenManyAsync(context,
            Enumerable.Range(1, options.Circuits - catalogTabs.Count).Select(n => $"/products/{ProductId(n)}"));
        opening.Stop();
        IReadOnlyList<IPage> pages = [.. catalogTabs, .. detailsTabs];
        await Task.Delay(options.Settle);

        var cpuBefore = ServerProcessStats.CpuTime(app.ProcessId);
        var idle = Stopwatch.StartNew();
        await Task.Delay(options.IdleWindow);
        var idleCpu = (ServerProcessStats.CpuTime(app.ProcessId) - cpuBefore) / idle.Elapsed * 100;
        Console.WriteLine($"Idle CPU: {idleCpu:F2} % of one core");

        var with = await MeasureMemoryAsync(context);
        Console.WriteLine($"With circuits: {with.ResidentBytes / 1048576.0:F1} MB resident, {with.ManagedBytes / 1048576.0:F1} MB managed");

        var latencies = new List<double>();
        for (var i = 0; i < options.Interactions; i++)
        {
            latencies.Add(await catalogTabs[i % catalogTabs.Count].EvaluateAsync<double>(TimedSort));
        }

        var connected = 0;
        foreach (var page in pages)
        {
            connected += await page.EvaluateAsync<bool>("() => !document.getElementById('components-reconnect-modal')?.open") ? 1 : 0;
        }

        await context.CloseAsync();
        return new CircuitCapacityResult(options.Circuits, catalogTabs.Count, detailsTabs.Count, before, withCatalog, with,
            idleCpu, options.IdleWindow, latencies, connected, opening.Elapsed);
    }

    private Task SignInAsync(IBrowserContext context) => SignInAsync(context, adminPassword);

    /// <summary>Signs the context in as the run's admin through the real form.</summary>
    internal static async Task SignInAsync(IBrowserContext context, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(CircuitCapacityOptions.AdminUser);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/products"));
        await page.CloseAsync();
    }

    private static async Task<IReadOnlyList<IPage>> OpenManyAsync(IBrowserContext context, IEnumerable<string> paths)
    {
        var pages = new List<IPage>();
        foreach (var batch in paths.Chunk(8))
        {
            pages.AddRange(await Task.WhenAll(batch.Select(path => OpenAsync(context, path))));
            Console.Write($"\r{pages.Count} tabs open");
        }

        Console.WriteLine();
        return pages;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator(InteractiveMarker).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private async Task<MemorySnapshot> MeasureMemoryAsync(IBrowserContext context)
    {
        // Twice: the first collection may still leave finalizable objects that the second one frees.
        await context.APIRequest.PostAsync("/diagnostics/memory");
        var response = await context.APIRequest.PostAsync("/diagnostics/memory");
        if (!response.Ok)
        {
            throw new InvalidOperationException($"POST /diagnostics/memory answered {response.Status}.");
        }

        var report = System.Text.Json.JsonSerializer.Deserialize<MemoryReport>(await response.TextAsync(), JsonOptions)!;
        return new MemorySnapshot(ServerProcessStats.ResidentBytes(app.ProcessId), report.ManagedBytes, report.HeapSizeBytes,
            report.CommittedBytes, report.ServerGC);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    // Demo product n: 20000000-0000-0000-0000-{n:D12} (DemoCatalogGenerator.IdFor).
    internal static string ProductId(int n) => $"20000000-0000-0000-0000-{n:D12}";
}
