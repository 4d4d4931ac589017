using Microsoft.Playwright;
using ProductBrowser.Data.Seeding;
using ProductBrowser.LocalServers;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>
/// A scanner fires codes faster than a warehouse link answers. Through a proxy that adds latency each way, every scan
/// must come out as its own correct answer, in order, and the server must run exactly one lookup per distinct scan.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScanQueueTests(BrowserFixture browser) : IAsyncLifetime
{
    private const int ScanCount = 50;
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(30);
    private static readonly ViewportSize Tablet = new() { Width = 1280, Height = 800 };
    private static readonly DemoCatalogGenerator Demo = new(new DemoCatalogOptions().Seed);

    private readonly CountingSkuLookups _lookups = new();
    private AppServer _app = null!;
    private LatencyProxy _proxy = null!;

    public ValueTask InitializeAsync()
    {
        // A wide duplicate window, so a repeat typed by a slow (shared, busy) machine is still a repeat; the codes of a
        // run are all different, so the window never hides one of them.
        _app = new AppServer(browser.CatalogConnectionString, browser.RedisConnectionString,
            new Dictionary<string, string?> { ["Scanning:DuplicateWindow"] = "00:00:02" }, _lookups.Register);
        _app.Start();
        _proxy = new LatencyProxy(_app.BaseAddress, TimeSpan.Zero);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task FiftyScansThirtyMillisecondsApartGiveFiftyAnswersInOrderOnAFastAndOnASlowLink()
    {
        foreach (var (delay, firstProduct) in new[] { (TimeSpan.Zero, 101), (TimeSpan.FromMilliseconds(100), 201) })
        {
            _proxy.OneWayDelay = delay;
            var scans = Scans(firstProduct);
            var page = await OpenLookupAsync();
            try
            {
                var before = _lookups.Count;

                foreach (var scan in scans)
                {
                    await ScanAsync(page, scan.Code);
                }

                var log = await FinishedLogAsync(page, ScanCount);
                Assert.Equal(scans.Select(s => (s.Code, s.Outcome)), log);
                Assert.Equal(ScanCount, _lookups.Count - before);
                await Expect(Input(page)).ToHaveValueAsync("");
                await Expect(page.Locator("[data-testid=lookup-current]")).ToHaveAttributeAsync("data-seq", ScanCount.ToString());
            }
            finally
            {
                await BrowserFixture.CloseAsync(page);
            }
        }
    }

    [Fact]
    public async Task AScannerThatReadsEveryCodeTwiceStillGivesOneLookupPerCode()
    {
        _proxy.OneWayDelay = TimeSpan.FromMilliseconds(100);
        var scans = Scans(301).Take(20).ToList();
        var page = await OpenLookupAsync();
        try
        {
            var before = _lookups.Count;

            foreach (var scan in scans)
            {
                await ScanAsync(page, scan.Code);
                await ScanAsync(page, scan.Code);
            }

            var log = await FinishedLogAsync(page, scans.Count);
            Assert.Equal(scans.Select(s => (s.Code, s.Outcome)), log);
            Assert.Equal(scans.Count, _lookups.Count - before);
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    /// <summary>
    /// Fifty different scans: demo products by SKU, every tenth by its barcode, and every eleventh a SKU that does not
    /// exist, each with the answer the screen must give.
    /// </summary>
    private static List<(string Code, string Outcome)> Scans(int firstProduct) =>
    [
        .. Enumerable.Range(0, ScanCount).Select(i =>
        {
            if (i % 11 == 5)
            {
                var unknown = $"ZZZ-{firstProduct + i:D7}";
                return (unknown, $"No item with SKU {unknown}.");
            }

            var product = Demo.Create(firstProduct + i);
            return (i % 10 == 3 ? product.Gtin! : product.Sku, product.Name);
        }),
    ];

    private static ILocator Input(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "SKU or barcode" });

    private async Task<IPage> OpenLookupAsync()
    {
        var page = await browser.NewSignedInPageAsync(_proxy.BaseAddress, BrowserFixture.Staff);
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/lookup");
        await Expect(Input(page)).ToHaveAttributeAsync("data-ready", "true");
        await Expect(Input(page)).ToBeFocusedAsync();
        return page;
    }

    /// <summary>A scanner types a code in a few milliseconds and ends it with Enter; the next comes 30 ms later.</summary>
    private static async Task ScanAsync(IPage page, string code)
    {
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Task.Delay(ScanInterval, TestContext.Current.CancellationToken);
    }

    /// <summary>The scan log, oldest first, once it holds <paramref name="count"/> answered scans.</summary>
    private static async Task<List<(string Code, string Outcome)>> FinishedLogAsync(IPage page, int count)
    {
        var entries = page.Locator("[data-testid=scan-log] li");
        await Expect(entries).ToHaveCountAsync(count);
        await Expect(page.Locator("[data-testid=scan-log] li[data-state=pending]")).ToHaveCountAsync(0);
        var rows = await entries.EvaluateAllAsync<string[][]>(
            "items => items.map(li => [li.dataset.seq, li.querySelector('.scan-code').textContent, li.querySelector('.scan-outcome').textContent])");
        var sequences = rows.Select(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.OrderDescending().Distinct(), sequences);
        return [.. rows.Reverse().Select(r => (r[1], r[2]))];
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _app.DisposeAsync();
    }
}
