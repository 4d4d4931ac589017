using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>
/// Camera scanning on the lookup screen, with Chromium's fake camera filming a generated EAN-13 (see
/// <see cref="CameraBrowserFixture"/>). Headless Chromium on Linux has no native BarcodeDetector, so these run the
/// bundled WebAssembly decoder, and prove it is served by the app: any request off this machine fails the test.
/// </summary>
[Collection(CameraCollection.Name)]
public sealed class CameraScanningTests(BrowserFixture browser, CameraBrowserFixture camera, ITestOutputHelper output)
    : IClassFixture<CameraBrowserFixture>
{
    private const string Refused =
        "Camera access was refused. Allow the camera for this site in the browser settings, or use the scanner or keyboard.";

    [Fact]
    public Task CameraReadsTheBarcodeAndShowsTheItemOnceWhileItStaysInView() =>
        OnLookupPageAsync(cameraAllowed: true, async (page, lookup, scanner, requests) =>
        {
            await scanner.OpenAsync();
            await scanner.WaitUntilScanningAsync();

            await Expect(scanner.Status).ToHaveTextAsync($"Read {camera.Product.Gtin}");
            await Expect(ResultSku(page)).ToHaveTextAsync(camera.Product.Sku);
            await Expect(lookup.ResultName).ToHaveTextAsync(camera.Product.Name);
            await Expect(scanner.Panel).ToBeVisibleAsync();

            // 30 frames at most ten a second is about 3 s: the barcode stayed in view the whole time and counted once.
            var times = await scanner.DecodeTimesAsync(30);
            Assert.Equal([camera.Product.Gtin!], await scanner.ScannedCodesAsync());
            var decoder = await scanner.DecoderAsync();
            Assert.Equal("wasm", decoder);
            // The first read also warms the decoder up (canvas, WebAssembly tiers): reported on its own.
            var warm = times.Skip(1).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Decode time per 640×480 frame ({decoder}): first {times[0]:F1} ms; next {warm.Count} frames p50 " +
                $"{Percentile(warm, 0.50):F1} ms, p95 {Percentile(warm, 0.95):F1} ms, max {warm.Max():F1} ms"));

            await BrowserFixture.ScreenshotAsync(page, "lookup-camera");
            var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help}").ToList();
            Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));

            await page.Keyboard.PressAsync("Escape");
            await Expect(scanner.Panel).ToBeHiddenAsync();
            await Expect(lookup.Input).ToBeFocusedAsync();
            Assert.Equal(1, await scanner.StreamsOpenedAsync());
            Assert.True(await scanner.EveryStreamStoppedAsync(), "Closing the panel must stop the camera.");

            Assert.Contains(requests.All, url => new Uri(url).AbsolutePath == "/lib/zxing-wasm/zxing_reader.wasm");
            Assert.Empty(await scanner.ContentSecurityPolicyViolationsAsync());
        });

    [Fact]
    public Task LeavingThePageStopsTheCamera() =>
        OnLookupPageAsync(cameraAllowed: true, async (page, _, scanner, _) =>
        {
            await scanner.OpenAsync();
            await scanner.WaitUntilScanningAsync();
            Assert.False(await scanner.EveryStreamStoppedAsync());

            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/products"));

            await Expect(scanner.OpenButton).ToHaveCountAsync(0);
            Assert.True(await scanner.EveryStreamStoppedAsync(), "Leaving the lookup page must stop the camera.");
        });

    [Fact]
    public Task RefusedCameraSaysSoAndTheInputStillLooksItemsUp() =>
        OnLookupPageAsync(cameraAllowed: false, async (page, lookup, scanner, _) =>
        {
            await scanner.OpenAsync();

            await Expect(scanner.Message).ToHaveTextAsync(Refused);
            await Expect(lookup.Input).ToBeFocusedAsync();
            await BrowserFixture.ScreenshotAsync(page, "lookup-camera-refused");

            await lookup.ScanAsync(camera.Product.Sku);
            await Expect(ResultSku(page)).ToHaveTextAsync(camera.Product.Sku);

            await scanner.CloseButton.TapAsync();
            await Expect(scanner.Panel).ToBeHiddenAsync();
            await Expect(lookup.Input).ToBeFocusedAsync();
        });

    [Theory]
    [InlineData("Object.defineProperty(Navigator.prototype, 'mediaDevices', { get: () => undefined })",
        "This device has no camera the browser can use. Use the scanner or keyboard.")]
    [InlineData("Object.defineProperty(window, 'isSecureContext', { get: () => false })",
        "The camera only works when this page is opened over https. Use the scanner or keyboard.")]
    public Task CameraThatCannotBeUsedSaysWhy(string browserWithout, string message) =>
        OnLookupPageAsync(cameraAllowed: true, async (page, lookup, scanner, _) =>
        {
            await scanner.OpenAsync();

            await Expect(scanner.Message).ToHaveTextAsync(message);
            await Expect(lookup.Input).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(scanner.Panel).ToBeHiddenAsync();
        }, browserWithout);

    /// <summary>
    /// Opens the lookup screen in a fresh context of the camera browser (after <paramref name="initScript"/>, if any),
    /// runs <paramref name="test"/>, and fails if any page asked for a host off this machine; the trace is kept on failure.
    /// </summary>
    private async Task OnLookupPageAsync(
        bool cameraAllowed, Func<IPage, SkuLookupPageObject, CameraScannerPageObject, OffOriginRequests, Task> test, string? initScript = null)
    {
        var page = await camera.NewPageAsync(browser, cameraAllowed);
        var requests = await OffOriginRequests.WatchAsync(page.Context);
        var lookup = new SkuLookupPageObject(page);
        var scanner = new CameraScannerPageObject(page);
        try
        {
            await scanner.InstrumentAsync();
            if (initScript is not null)
            {
                await page.AddInitScriptAsync(initScript);
            }

            await lookup.OpenAsync();
            await test(page, lookup, scanner, requests);
            Assert.Empty(requests.Attempted);
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    private static ILocator ResultSku(IPage page) => page.Locator("[data-testid=lookup-result] [data-field=sku]");

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
    }
}
