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

    /// <summary>
    /// Until the circuit is up. A deadline, not a measure: the first circuit of an instance just (re)started compiles its
    /// components, which on a loaded two-core machine takes longer than Playwright's 5 s default.
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#app-interactive")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
}
