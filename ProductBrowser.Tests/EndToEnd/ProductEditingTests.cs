using Microsoft.Playwright;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class ProductEditingTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminEditsAProductAndSeesTheNewValues()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync();
        try
        {
            await new ProductPageObject(page).OpenAsync(product.Id.ToString());
            await page.Locator("[data-testid=edit-product]").ClickAsync();
            await Expect(page.Locator("#edit-name")).ToHaveValueAsync(product.Name);

            await page.Locator("#edit-name").FillAsync("Edited by the admin");
            await page.Locator("#edit-name").BlurAsync();
            await page.Locator("[data-testid=edit-save]").ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/products/{product.Id}$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Edited by the admin");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task SecondOfTwoAdminsSavingTheSameProductIsToldAboutTheConflict()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var first = await browser.NewPageAsync();
        var second = await browser.NewPageAsync();
        try
        {
            foreach (var page in new[] { first, second })
            {
                await page.GotoAsync($"/products/{product.Id}/edit");
                await ProductPageObject.WaitUntilInteractiveAsync(page);
                await Expect(page.Locator("#edit-name")).ToHaveValueAsync(product.Name);
            }

            await first.Locator("#edit-bin").FillAsync("A-01-1");
            await first.Locator("#edit-bin").BlurAsync();
            await first.Locator("[data-testid=edit-save]").ClickAsync();
            await Expect(first).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/products/{product.Id}$"));

            await second.Locator("#edit-bin").FillAsync("B-02-2");
            await second.Locator("#edit-bin").BlurAsync();
            await second.Locator("[data-testid=edit-save]").ClickAsync();

            await Expect(second.Locator("[data-testid=edit-conflict]")).ToContainTextAsync("bin A-01-1");
        }
        finally
        {
            await BrowserFixture.CloseAsync(first);
            await BrowserFixture.CloseAsync(second);
        }
    }

    [Fact]
    public async Task StaffCannotOpenTheEditForm()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync(user: BrowserFixture.Staff);
        try
        {
            await page.GotoAsync($"/products/{product.Id}");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator("[data-testid=edit-product]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=cache-outcome]")).ToHaveCountAsync(0);

            await page.GotoAsync($"/products/{product.Id}/edit");

            await Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }
}
