using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The app bar every page shares: where you are, who you are, and signing out.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AppShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheAppBarShowsWhereYouAreFollowsNavigationAndSignsOut()
    {
        // A sign-in of its own: signing out must not end the session other tests share.
        var page = await browser.NewSignedInPageAsync(browser.App.BaseAddress, BrowserFixture.Staff);
        try
        {
            await page.GotoAsync("/lookup");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "SKU lookup" })).ToHaveAttributeAsync("aria-current", "page");
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Products" })).Not.ToHaveAttributeAsync("aria-current", "page");
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Cache" })).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("staff");
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("Staff");

            await main.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/products$"));
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Products" })).ToHaveAttributeAsync("aria-current", "page");
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "SKU lookup" })).Not.ToHaveAttributeAsync("aria-current", "page");

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
            await page.GotoAsync("/products");
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task AdminsSeeTheCacheLink()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/products");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Cache" })).ToHaveAttributeAsync("href", "/admin/cache");
            await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Products" })).ToHaveAttributeAsync("aria-current", "page");
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("Admin");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }
}
