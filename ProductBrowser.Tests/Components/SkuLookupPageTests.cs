using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Components.Pages.Lookup;

namespace ProductBrowser.Tests.Components;

public sealed class SkuLookupPageTests : BunitContext
{
    private BunitAuthorizationContext Authorization { get; }

    private readonly FakeSkuLookupService _lookup = new();

    public SkuLookupPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("admin");
        Authorization.SetRoles("Admin");
        Authorization.SetPolicies("Admin");
        Services.AddSingleton(Options.Create(new ScanningOptions()));
        Services.AddSingleton<ISkuLookupService>(_lookup);
    }

    [Fact]
    public async Task ScannedSkuShowsTheItemInLargeType()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned(1, "htl-0000001\r\n", 1_000));

        Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("[data-testid=lookup-result] h2").TextContent);
        Assert.Equal("C-17-4", page.Find("[data-testid=lookup-result] [data-field=bin]").TextContent);
        Assert.Equal("/products/" + SampleReads.ProductId, page.Find("[data-testid=lookup-result] a").GetAttribute("href"));
        Assert.Contains("Found HTL-0000001", page.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScanShowsItsAnswerWithoutCallingIntoTheBrowserFirst()
    {
        var page = Render<SkuLookupPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#scan-input").GetAttribute("data-ready")));
        var before = JSInterop.Invocations.Count;

        var recent = await page.InvokeAsync(() => page.Instance.OnScanned(1, "HTL-0000001", 1_000));

        // Every call into the browser before the render would add a network round trip to each scan.
        Assert.Equal(before, JSInterop.Invocations.Count);
        Assert.Equal("HTL-0000001", page.Find("[data-testid=lookup-result] [data-field=sku]").TextContent);
        Assert.Equal("HTL-0000001", Assert.Single(recent!).Sku);
    }

    [Fact]
    public async Task NothingTheServerRendersWritesTheInput()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned(1, "HTL-0000001", 1_000));

        Assert.False(page.Find("#scan-input").HasAttribute("value"));
    }

    [Fact]
    public async Task ScansAreLookedUpOneAfterAnotherInTheOrderTaken()
    {
        var page = Render<SkuLookupPage>();
        var first = new TaskCompletionSource();
        _lookup.HoldNext(first.Task);

        var firstScan = page.InvokeAsync(() => page.Instance.OnScanned(1, "HTL-0000001", 1_000));
        var secondScan = page.InvokeAsync(() => page.Instance.OnScanned(2, "NOPE-1", 1_030));
        var thirdScan = page.InvokeAsync(() => page.Instance.OnScanned(3, "HTL-0000001", 1_060));
        Assert.Equal(["HTL-0000001"], _lookup.Inputs);

        first.SetResult();
        await Task.WhenAll(firstScan, secondScan, thirdScan).WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal(["HTL-0000001", "NOPE-1", "HTL-0000001"], _lookup.Inputs));
        var log = page.FindAll("[data-testid=scan-log] li");
        Assert.Equal(["3", "2", "1"], log.Select(li => li.GetAttribute("data-seq")));
        Assert.Equal(["found", "not-found", "found"], log.Select(li => li.GetAttribute("data-state")));
        Assert.Equal("3", page.Find("[data-testid=lookup-current]").GetAttribute("data-seq"));
    }

    [Fact]
    public async Task SameScanTwiceWithinTheWindowOnTheDevicesClockIsOneLookup()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned(1, "HTL-0000001", 1_000));
        await page.InvokeAsync(() => page.Instance.OnScanned(2, "HTL-0000001", 1_100));
        await page.InvokeAsync(() => page.Instance.OnScanned(3, "HTL-0000001", 1_600));
        await page.InvokeAsync(() => page.Instance.OnScanned(4, "HTL-0000002", 1_601));

        Assert.Equal(["HTL-0000001", "HTL-0000001", "HTL-0000002"], _lookup.Inputs);
    }

    [Fact]
    public async Task AScanSentAgainAfterAReconnectIsNotLookedUpTwice()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned(1, "HTL-0000001", 1_000));
        await page.InvokeAsync(() => page.Instance.OnScanned(2, "NOPE-1", 2_000));
        await page.InvokeAsync(() => page.Instance.OnScanned(2, "NOPE-1", 2_000));

        Assert.Equal(2, _lookup.Inputs.Count);
    }

    [Fact]
    public async Task AFailedLookupDoesNotStopTheScansBehindIt()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned(1, FakeSkuLookupService.Throws, 1_000));
        await page.InvokeAsync(() => page.Instance.OnScanned(2, "HTL-0000001", 2_000));

        var log = page.FindAll("[data-testid=scan-log] li");
        Assert.Equal(["found", "unavailable"], log.Select(li => li.GetAttribute("data-state")));
        Assert.Contains("could not be looked up", log[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSkuSaysSoAndOffersSuggestionsToTap()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned(1, "HTL-00000", 1_000));

        Assert.Contains("No item with SKU HTL-00000.", page.Find("[data-testid=lookup-not-found]").TextContent, StringComparison.Ordinal);
        var suggestions = page.FindAll("[data-testid=lookup-suggestions] button");
        Assert.Equal(2, suggestions.Count);

        suggestions[0].Click();

        page.WaitForAssertion(() => Assert.Equal("HTL-0000001", _lookup.Inputs[^1]));
        page.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "focusInput"));
    }

    [Fact]
    public async Task InputThatIsNoCodeShowsTheReason()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned(1, "https://example.com", 1_000));

        Assert.Contains("web address", page.Find("[data-testid=lookup-message]").TextContent, StringComparison.Ordinal);
    }

    private sealed class FakeSkuLookupService : ISkuLookupService
    {
        public const string Throws = "THROWS-1";

        private Task _hold = Task.CompletedTask;

        public List<string?> Inputs { get; } = [];

        /// <summary>The next lookup answers only once <paramref name="until"/> completes.</summary>
        public void HoldNext(Task until) => _hold = until;

        public async Task<SkuLookupResult> LookupAsync(string? input, CancellationToken cancellationToken = default)
        {
            Inputs.Add(input);
            var hold = _hold;
            _hold = Task.CompletedTask;
            await hold;
            if (input == Throws)
            {
                throw new InvalidOperationException("The lookup broke.");
            }

            return Answer(input);
        }

        private static SkuLookupResult Answer(string? input)
        {
            var code = SkuNormalizer.Normalize(input);
            if (!code.IsValid)
            {
                return SkuLookupResult.Invalid(code.Problem!);
            }

            var step = new CacheReadReport(CacheOutcome.Hit, "productbrowser:v1:code:" + code.Code, 0.3, null, 0.4, TimeSpan.FromMinutes(5));
            return code.Code == "HTL-0000001"
                ? new SkuLookupResult(code.Code, SkuLookupStatus.Found, SampleReads.Product, step, step, [])
                : new SkuLookupResult(code.Code, SkuLookupStatus.NotFound, null, step, null,
                    [new SkuSuggestion(SampleReads.ProductId, "HTL-0000001", "Hammer"), new SkuSuggestion(Guid.NewGuid(), "HTL-0000002", "Wrench")],
                    $"No item with SKU {code.Code}.");
        }
    }
}
