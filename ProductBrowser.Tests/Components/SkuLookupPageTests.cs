using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Components.Pages.Lookup;

namespace ProductBrowser.Tests.Components;

public sealed class SkuLookupPageTests : BunitContext
{
    private BunitAuthorizationContext Authorization { get; }

    private readonly FakeTimeProvider _time = new();
    private readonly FakeSkuLookupService _lookup = new();

    public SkuLookupPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("admin");
        Authorization.SetRoles("Admin");
        Authorization.SetPolicies("Admin");
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<ISkuLookupService>(_lookup);
    }

    [Fact]
    public async Task ScannedSkuShowsTheItemInLargeType()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned("htl-0000001\r\n"));

        Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("[data-testid=lookup-result] h2").TextContent);
        Assert.Equal("C-17-4", page.Find("[data-testid=lookup-result] [data-field=bin]").TextContent);
        Assert.Equal("/products/" + SampleReads.ProductId, page.Find("[data-testid=lookup-result] a").GetAttribute("href"));
        Assert.Contains("Found HTL-0000001", page.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FocusReturnsToTheInputAfterEveryLookup()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned("HTL-0000001"));
        await page.InvokeAsync(() => page.Instance.OnScanned("NOPE-1"));

        Assert.Equal(2, JSInterop.Invocations.Count(i => i.Identifier == "focusAndSelect"));
    }

    [Fact]
    public async Task SameCodeScannedTwiceQuicklyIsOneLookup()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned("HTL-0000001"));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await page.InvokeAsync(() => page.Instance.OnScanned("htl-0000001"));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await page.InvokeAsync(() => page.Instance.OnScanned("HTL-0000001"));

        Assert.Equal(2, _lookup.Inputs.Count);
    }

    [Fact]
    public async Task UnknownSkuSaysSoAndOffersSuggestionsToTap()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned("HTL-00000"));

        Assert.Contains("No item with SKU HTL-00000.", page.Find("[data-testid=lookup-not-found]").TextContent, StringComparison.Ordinal);
        var suggestions = page.FindAll("[data-testid=lookup-suggestions] button");
        Assert.Equal(2, suggestions.Count);

        suggestions[0].Click();

        page.WaitForAssertion(() => Assert.Equal("HTL-0000001", _lookup.Inputs[^1]));
    }

    [Fact]
    public async Task InputThatIsNoCodeShowsTheReason()
    {
        var page = Render<SkuLookupPage>();

        await page.InvokeAsync(() => page.Instance.OnScanned("https://example.com"));

        Assert.Contains("web address", page.Find("[data-testid=lookup-message]").TextContent, StringComparison.Ordinal);
    }

    private sealed class FakeSkuLookupService : ISkuLookupService
    {
        public List<string?> Inputs { get; } = [];

        public Task<SkuLookupResult> LookupAsync(string? input, CancellationToken cancellationToken = default)
        {
            Inputs.Add(input);
            var code = SkuNormalizer.Normalize(input);
            if (!code.IsValid)
            {
                return Task.FromResult(SkuLookupResult.Invalid(code.Problem!));
            }

            var step = new CacheReadReport(CacheOutcome.Hit, "productbrowser:v1:code:" + code.Code, 0.3, null, 0.4, TimeSpan.FromMinutes(5));
            return Task.FromResult(code.Code == "HTL-0000001"
                ? new SkuLookupResult(code.Code, SkuLookupStatus.Found, SampleReads.Product, step, step, [])
                : new SkuLookupResult(code.Code, SkuLookupStatus.NotFound, null, step, null,
                    [new SkuSuggestion(SampleReads.ProductId, "HTL-0000001", "Hammer"), new SkuSuggestion(Guid.NewGuid(), "HTL-0000002", "Wrench")],
                    $"No item with SKU {code.Code}."));
        }
    }
}
