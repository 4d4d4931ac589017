using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The product details page, in the words a user would use.</summary>
public sealed class ProductPageObject(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator CacheOutcome => page.GetByRole(AriaRole.Region, new() { Name = "Cache read" }).Locator("[data-testid=cache-outcome]");

    public ILocator DatabaseTime => page.Locator("[data-testid=cache-db-ms]");

    public async Task OpenAsync(string id)
    {
        await page.GotoAsync($"/products/{id}");
        await WaitUntilInteractiveAsync(page);
    }

    public static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#app-interactive")).ToHaveAttributeAsync("data-interactive", "true");
}
