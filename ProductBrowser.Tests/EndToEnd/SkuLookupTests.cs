using Microsoft.Playwright;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Domain;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class SkuLookupTests(BrowserFixture browser)
{
    private static readonly ViewportSize TabletPortrait = new() { Width = 768, Height = 1024 };
    private static readonly ViewportSize TabletLandscape = new() { Width = 1280, Height = 800 };
    private static readonly ProductBrowser.Data.Product Demo = new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(11);

    [Fact]
    public async Task ScanningASkuShowsTheItemAndKeepsFocusInTheInput()
    {
        var page = await browser.NewPageAsync(TabletLandscape, touch: true);
        var lookup = new SkuLookupPageObject(page);
        try
        {
            await lookup.OpenAsync();
            await Expect(lookup.Input).ToBeFocusedAsync();

            await lookup.ScanAsync(Demo.Sku.ToLowerInvariant());

            await Expect(lookup.ResultName).ToHaveTextAsync(Demo.Name);
            await Expect(lookup.Input).ToBeFocusedAsync();
            await Expect(lookup.RecentItems.First).ToContainTextAsync(Demo.Sku);
            await BrowserFixture.ScreenshotAsync(page, "lookup-found");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task ScanningAnUnknownCodeSaysSoAndIsReadyForTheNextScan()
    {
        var page = await browser.NewPageAsync(TabletPortrait, touch: true);
        var lookup = new SkuLookupPageObject(page);
        try
        {
            await lookup.OpenAsync();

            await lookup.ScanAsync(Demo.Sku[..^2] + "ZZ", terminator: "Tab");

            await Expect(lookup.NotFound).ToContainTextAsync($"No item with SKU {Demo.Sku[..^2]}ZZ.");
            await Expect(page.Locator("#lookup-status")).ToContainTextAsync("No item with SKU");
            await Expect(lookup.Input).ToBeFocusedAsync();
            await BrowserFixture.ScreenshotAsync(page, "lookup-not-found");

            await lookup.ScanAsync(Demo.Sku);
            await Expect(lookup.ResultName).ToHaveTextAsync(Demo.Name);
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task RecentLookupsSurviveAReloadAndReopenWithATap()
    {
        var page = await browser.NewPageAsync(TabletLandscape, touch: true);
        var lookup = new SkuLookupPageObject(page);
        try
        {
            await lookup.OpenAsync();
            await lookup.ScanAsync(Demo.Sku);
            await Expect(lookup.ResultName).ToHaveTextAsync(Demo.Name);

            await lookup.OpenAsync();
            await lookup.RecentItems.First.TapAsync();

            await Expect(lookup.ResultName).ToHaveTextAsync(Demo.Name);
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task ACaseLabelScannedAsGs1ShowsThePackTheLotAndTheExpiry()
    {
        var product = DemoProducts.WithCaseAndPallet();
        var casePack = product.Packs.Single(k => k.Level == PackLevel.Case);
        var page = await browser.NewPageAsync(TabletLandscape, touch: true);
        var lookup = new SkuLookupPageObject(page);
        try
        {
            await lookup.OpenAsync();

            // GS1-128 as a keyboard-wedge scanner types it: symbology identifier, GTIN, expiry, lot, FNC1 (Ctrl+]), serial.
            await page.Keyboard.TypeAsync($"]C101{casePack.Gtin}17250131" + "10LOT-42");
            await page.Keyboard.PressAsync("Control+BracketRight");
            await lookup.ScanAsync("21CASE-0001");

            var card = page.Locator("[data-testid=lookup-result]");
            await Expect(card.Locator("[data-field=pack]")).ToHaveTextAsync($"Case of {casePack.Quantity} · {product.Sku}");
            await Expect(card.Locator("[data-field=lot]")).ToHaveTextAsync("LOT-42");
            await Expect(card.Locator("[data-field=serial]")).ToHaveTextAsync("CASE-0001");
            await Expect(card.Locator("[data-field=expiry]")).ToContainTextAsync("31 Jan 2025");
            await Expect(card.Locator("[data-testid=lookup-expired]")).ToBeVisibleAsync();
            await Expect(lookup.Input).ToHaveValueAsync("");
            await BrowserFixture.ScreenshotAsync(page, "lookup-case-label");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task AWrongCheckDigitSaysSoAndFindsNothing()
    {
        var page = await browser.NewPageAsync(TabletLandscape, touch: true);
        var lookup = new SkuLookupPageObject(page);
        try
        {
            await lookup.OpenAsync();
            var wrong = Demo.Gtin![..^1] + (char)('0' + (Demo.Gtin[^1] - '0' + 1) % 10);

            await lookup.ScanAsync(wrong);

            await Expect(page.Locator("[data-testid=lookup-message]")).ToContainTextAsync("check digit");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }
}
