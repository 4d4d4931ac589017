using Microsoft.Playwright;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class CacheDashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminSeesMissThenHitEvictsOnTheDashboardAndSeesAMissAgain()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync();
        var details = new ProductPageObject(page);
        try
        {
            await details.OpenAsync(product.Id.ToString());
            await Expect(details.CacheOutcome).ToHaveTextAsync("MISS");
            await details.OpenAsync(product.Id.ToString());
            await Expect(details.CacheOutcome).ToHaveTextAsync("HIT");

            await page.GotoAsync("/admin/cache");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator("[data-testid=figures]")).ToBeVisibleAsync();
            await page.Locator("#evict-input").FillAsync(product.Id.ToString());
            await page.Locator("#evict-input").BlurAsync();
            await page.Locator("[data-testid=evict]").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Evict" }).ClickAsync();
            await Expect(page.GetByText("Evicted. The next read is a MISS.")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "cache-dashboard");

            await details.OpenAsync(product.Id.ToString());
            await Expect(details.CacheOutcome).ToHaveTextAsync("MISS");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task AdminSeesAChangeAppliedAndACleanConsistencyCheck()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync();
        var details = new ProductPageObject(page);
        try
        {
            await details.OpenAsync(product.Id.ToString());
            await Expect(details.CacheOutcome).ToHaveTextAsync("MISS");
            await CatalogDatabase.ExecuteAsync(browser.CatalogConnectionString, "UPDATE products SET bin_location = 'Q-01-1' WHERE id = $1", product.Id);

            await page.GotoAsync("/admin/cache");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator("[data-testid=feed-position]")).ToContainTextAsync("applied up to change");
            await Expect(page.Locator("[data-testid=feed-lag]")).ToContainTextAsync("p99");
            await Expect(page.Locator("[data-testid=feed-backlog]")).ToHaveTextAsync("none");
            await page.Locator("[data-testid=sample]").ClickAsync();

            await Expect(page.Locator("[data-testid=consistency]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^0 stale of \d+ sampled"));
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task StaffAreRefusedTheDashboardAndAnonymousVisitorsAreAskedToSignIn()
    {
        var staff = await browser.NewPageAsync(user: BrowserFixture.Staff);
        var anonymous = await browser.NewPageAsync(user: null);
        try
        {
            await staff.GotoAsync("/admin/cache");
            await Expect(staff.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
            await Expect(staff.GetByRole(AriaRole.Link, new() { Name = "Cache" })).ToHaveCountAsync(0);

            await anonymous.GotoAsync("/admin/cache");
            await Expect(anonymous).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        }
        finally
        {
            await BrowserFixture.CloseAsync(staff);
            await BrowserFixture.CloseAsync(anonymous);
        }
    }
}
