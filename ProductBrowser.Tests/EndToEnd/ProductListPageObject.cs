using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The staff product list, in the words a user would use.</summary>
public sealed class ProductListPageObject(IPage page)
{
    public ILocator Search => page.Locator("#product-search");

    public ILocator Rows => page.Locator("#product-list tbody tr.product-row");

    public ILocator SkuLinks => page.Locator("#product-list a.sku-link");

    public ILocator PageNumber => page.Locator("[data-testid=page-number]");

    public async Task OpenAsync(string url = "/products")
    {
        await page.GotoAsync(url);
        await ProductPageObject.WaitUntilInteractiveAsync(page);
        await WaitForRowsAsync();
        // The page's keyboard and click handlers attach just after the first interactive render.
        await Assertions.Expect(Search).ToHaveAttributeAsync("data-shortcuts", "ready");
    }

    public Task WaitForRowsAsync() => Assertions.Expect(SkuLinks.First).ToBeVisibleAsync();

    public async Task ChooseCategoryAsync(string name)
    {
        // Options read "Hand Tools (1,234)": the one whose text starts with the name.
        var option = page.Locator("#filter-category option")
            .Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(name) + " \\(") });
        await page.Locator("#filter-category").SelectOptionAsync(await option.GetAttributeAsync("value") ?? "");
    }

    public Task SortByAsync(string column) => page.GetByRole(AriaRole.Button, new() { Name = $"Sort by {column}" }).ClickAsync();

    public Task NextPageAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();

    public async Task<IReadOnlyList<string>> SkusAsync() => await SkuLinks.AllInnerTextsAsync();
}
