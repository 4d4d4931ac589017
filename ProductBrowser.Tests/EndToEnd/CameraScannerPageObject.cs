using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The camera button and panel on the lookup screen.</summary>
public sealed class CameraScannerPageObject(IPage page)
{
    /// <summary>
    /// Run before the page loads: keeps every stream the page opens (to check that closing stops it) and every code the
    /// camera hands to the page.
    /// </summary>
    private const string Instrumentation = """
        window.__cameraStreams = [];
        window.__cameraScans = [];
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
        document.addEventListener("productbrowser:scan", (e) => window.__cameraScans.push(e.detail.code));
        if (navigator.mediaDevices?.getUserMedia) {
          const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
          navigator.mediaDevices.getUserMedia = async (constraints) => {
            const stream = await getUserMedia(constraints);
            window.__cameraStreams.push(stream);
            return stream;
          };
        }
        """;

    public ILocator OpenButton => page.GetByRole(AriaRole.Button, new() { Name = "Scan with the camera" });

    public ILocator Panel => page.GetByRole(AriaRole.Region, new() { Name = "Camera" });

    public ILocator CloseButton => Panel.GetByRole(AriaRole.Button, new() { Name = "Close" });

    public ILocator Status => Panel.Locator("[data-camera=status]");

    public ILocator Message => Panel.GetByRole(AriaRole.Alert);

    public Task InstrumentAsync() => page.AddInitScriptAsync(Instrumentation);

    /// <summary>Waits until the script has taken the button over (the circuit is live), then opens the camera.</summary>
    public async Task OpenAsync()
    {
        await Assertions.Expect(OpenButton).ToHaveAttributeAsync("data-ready", "true");
        await OpenButton.ClickAsync();
    }

    /// <summary>Waits until the camera runs and the decoder is loaded; fails with the panel's message if it could not start.</summary>
    public async Task WaitUntilScanningAsync()
    {
        var panel = page.Locator("[data-camera=panel]");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", new Regex("^(scanning|error)$"));
        if (await panel.GetAttributeAsync("data-state") == "error")
        {
            Assert.Fail($"The camera did not start: \"{await Message.TextContentAsync()}\"; " +
                $"Content-Security-Policy violations: [{string.Join("; ", await ContentSecurityPolicyViolationsAsync())}]");
        }
    }

    /// <summary>Which decoder read the frames: <c>native</c> (the browser's BarcodeDetector) or <c>wasm</c>.</summary>
    public Task<string?> DecoderAsync() => page.Locator("[data-camera=panel]").GetAttributeAsync("data-decoder");

    /// <summary>Waits until at least <paramref name="count"/> frames were read, then returns the last ones' decode times.</summary>
    public async Task<IReadOnlyList<double>> DecodeTimesAsync(int count)
    {
        await page.WaitForFunctionAsync(
            "count => (document.querySelector('[data-camera=panel]').dataset.decodeMs ?? '').split(',').filter(Boolean).length >= count",
            count, new() { Timeout = 30_000 });
        var text = await page.Locator("[data-camera=panel]").GetAttributeAsync("data-decode-ms") ?? "";
        return [.. text.Split(',').Select(ms => double.Parse(ms, CultureInfo.InvariantCulture))];
    }

    public Task<string[]> ScannedCodesAsync() => page.EvaluateAsync<string[]>("() => window.__cameraScans");

    public Task<string[]> ContentSecurityPolicyViolationsAsync() => page.EvaluateAsync<string[]>("() => window.__cspViolations");

    public Task<int> StreamsOpenedAsync() => page.EvaluateAsync<int>("() => window.__cameraStreams.length");

    /// <summary>True when every camera track the page ever opened has been stopped.</summary>
    public Task<bool> EveryStreamStoppedAsync() =>
        page.EvaluateAsync<bool>("() => window.__cameraStreams.every(s => s.getTracks().every(t => t.readyState === 'ended'))");
}
