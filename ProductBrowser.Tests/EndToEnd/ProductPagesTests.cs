using Microsoft.Playwright;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class ProductPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task OpeningAProductTwiceShowsMissThenHit()
    {
        var id = DemoCatalogGenerator.IdFor(42).ToString();
        var page = await browser.NewPageAsync();
        var product = new ProductPageObject(page);
        try
        {
            await product.OpenAsync(id);
            await Expect(product.CacheOutcome).ToHaveTextAsync("MISS");
            await Expect(product.DatabaseTime).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d ms$"));
            await Expect(product.Heading).Not.ToBeEmptyAsync();

            await product.OpenAsync(id);
            await Expect(product.CacheOutcome).ToHaveTextAsync("HIT");
            await Expect(product.DatabaseTime).ToHaveTextAsync("not queried");
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task OpenPageShowsAChangeMadeElsewhereWithoutAReload()
    {
        var product = await CatalogDatabase.InsertProductAsync(browser.CatalogConnectionString, browser.RedisConnectionString);
        var page = await browser.NewPageAsync();
        var details = new ProductPageObject(page);
        try
        {
            await details.OpenAsync(product.Id.ToString());
            await Expect(details.Heading).ToHaveTextAsync(product.Name);

            await CatalogDatabase.ExecuteAsync(browser.CatalogConnectionString, "UPDATE products SET name = 'Renamed in the ERP' WHERE id = $1", product.Id);

            await Expect(details.Heading).ToHaveTextAsync("Renamed in the ERP");
            await Expect(page.GetByText("This product was just updated")).ToBeVisibleAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task UnknownProductIdShowsNotFound()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await new ProductPageObject(page).OpenAsync(Guid.NewGuid().ToString());

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Product not found" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to products" })).ToBeVisibleAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task MalformedProductIdShowsTheNotFoundPage()
    {
        var page = await browser.NewPageAsync();
        try
        {
            var response = await page.GotoAsync("/products/not-a-product-id'%20OR%201=1");

            Assert.Equal(404, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task SearchingTheListAndOpeningARowShowsThatProduct()
    {
        var expected = new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(7);
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/products");
            await ProductPageObject.WaitUntilInteractiveAsync(page);

            await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search SKU, barcode, name or description" }).FillAsync(expected.Sku.ToLowerInvariant());
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"q={expected.Sku.ToLowerInvariant()}"));
            await page.GetByRole(AriaRole.Link, new() { Name = expected.Sku, Exact = true }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(expected.Name);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/products/{expected.Id}$"));
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }
}
