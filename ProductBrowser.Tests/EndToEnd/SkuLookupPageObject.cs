using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The warehouse lookup screen, driven the way a barcode scanner drives it.</summary>
public sealed class SkuLookupPageObject(IPage page)
{
    public ILocator Input => page.GetByRole(AriaRole.Textbox, new() { Name = "SKU or barcode" });

    public ILocator ResultName => page.Locator("[data-testid=lookup-result]").GetByRole(AriaRole.Heading, new() { Level = 2 });

    public ILocator NotFound => page.Locator("[data-testid=lookup-not-found]");


    public ILocator RecentItems => page.Locator("[data-testid=recent-lookups] button");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/lookup");
        await Assertions.Expect(Input).ToHaveAttributeAsync("data-ready", "true");
    }

    /// <summary>A scanner types fast and ends with Enter.</summary>
    public async Task ScanAsync(string code, string terminator = "Enter")
    {
        await page.Keyboard.TypeAsync(code, new() { Delay = 4 });
        await page.Keyboard.PressAsync(terminator);
    }
}
