using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>Who changed what, as an admin finds it: on the product page and on the audit page, filtered through the URL.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AuditTrailPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminSeesWhoChangedTheBinInTheProductsHistoryAndFollowsItToTheAuditPage()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync($"/products/{product.Id}/edit");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator("#edit-name")).ToHaveValueAsync(product.Name);
            await page.Locator("#edit-bin").FillAsync("A-01-1");
            await page.Locator("#edit-bin").BlurAsync();
            await page.Locator("[data-testid=edit-save]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/products/{product.Id}$"));

            var history = page.GetByRole(AriaRole.Region, new() { Name = "History" });
            var latest = history.Locator("[data-testid=history] li").First;
            await Expect(latest).ToContainTextAsync("changed by admin on ");
            await Expect(latest).ToContainTextAsync($"bin {product.BinLocation} → A-01-1");
            await Expect(history.Locator("[data-testid=history] li").Last).ToContainTextAsync("created outside the app on ");

            await history.GetByRole(AriaRole.Link, new() { Name = $"All recorded changes of {product.Sku}" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/admin/audit\\?sku={product.Sku}$"));
            var newest = page.Locator("[data-testid=audit-event]").First;
            await Expect(newest.Locator("[data-field=who]")).ToHaveTextAsync("admin");
            await Expect(newest.Locator("[data-field=what]")).ToHaveTextAsync($"bin {product.BinLocation} → A-01-1");
            await BrowserFixture.ScreenshotAsync(page, "audit-trail");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task AuditPageFiltersBySkuAndUserAndKeepsTheFiltersInTheUrl()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        await CatalogDatabase.ExecuteAsync(browser.CatalogConnectionString, "UPDATE products SET bin_location = 'Z-09-9' WHERE id = $1", product.Id);
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/admin/audit");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await page.Locator("#audit-sku").FillAsync(product.Sku);
            await page.Locator("[data-testid=audit-apply]").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/admin/audit\\?sku={product.Sku}$"));
            await Expect(page.Locator("[data-testid=audit-event]")).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-testid=audit-event]").First.Locator("[data-field=who]")).ToHaveTextAsync("outside the app");
            await Expect(page.Locator("[data-testid=audit-event]").First.Locator("[data-field=what]")).ToHaveTextAsync($"bin {product.BinLocation} → Z-09-9");

            await page.Locator("#audit-actor").FillAsync("admin");
            await page.Locator("[data-testid=audit-apply]").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/admin/audit\\?sku={product.Sku}&actor=admin$"));
            await Expect(page.Locator("[data-testid=audit-empty]")).ToContainTextAsync("Nothing recorded matches these filters.");

            await page.ReloadAsync();
            await ProductPageObject.WaitUntilInteractiveAsync(page);

            await Expect(page.Locator("#audit-sku")).ToHaveValueAsync(product.Sku);
            await Expect(page.Locator("#audit-actor")).ToHaveValueAsync("admin");
            await Expect(page.Locator("[data-testid=audit-empty]")).ToBeVisibleAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task OnATouchScreenTheAuditPagesControlsAreAtLeast48PixelsHigh()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync(new ViewportSize { Width = 1280, Height = 800 }, touch: true);
        try
        {
            Assert.True(await page.EvaluateAsync<bool>("matchMedia('(pointer: coarse)').matches"), "The touch page reports a coarse pointer.");
            await page.GotoAsync($"/admin/audit?sku={product.Sku}");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator("[data-testid=audit-event]")).ToHaveCountAsync(1);

            foreach (var control in new[]
                     {
                         page.Locator("#audit-sku"), page.Locator("#audit-actor"), page.Locator("#audit-from"),
                         page.Locator("[data-testid=audit-apply]"), page.Locator("[data-testid=audit-clear]"),
                         page.Locator("[data-testid=audit-event] [data-field=product] a"),
                     })
            {
                var box = await control.BoundingBoxAsync();
                Assert.True(box is { Height: >= 48 }, $"{control} is {box?.Height} px high.");
            }
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task StaffSeeNoHistoryAndAreRefusedTheAuditPage()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync(user: BrowserFixture.Staff);
        try
        {
            await new ProductPageObject(page).OpenAsync(product.Id.ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(product.Name);
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "History" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToHaveCountAsync(0);

            await page.GotoAsync("/admin/audit");

            await Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }
}
