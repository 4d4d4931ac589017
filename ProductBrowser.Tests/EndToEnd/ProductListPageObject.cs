using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The staff product list, in the words a user would use.</summary>
public sealed class ProductListPageObject(IPage page)
{
    public ILocator Search => page.Locator("#product-search");

    public ILocator Rows => page.Locator("#product-list tbody tr.product-row");

    public ILocator SkuLinks => page.Locator("#product-list a.sku-link");

    public ILocator PageNumber => page.Locator("[data-testid=page-number]");

    public ILocator Summary => page.Locator("[data-testid=list-summary]");

    public ILocator ShortcutHint => page.Locator("[data-testid=search-shortcut-hint]");

    public ILocator MinWeight => page.GetByRole(AriaRole.Textbox, new() { Name = "Min weight (kg)" });

    public ILocator MaxWeight => page.GetByRole(AriaRole.Textbox, new() { Name = "Max weight (kg)" });

    public async Task OpenAsync(string url = "/products")
    {
        await page.GotoAsync(url);
        await ProductPageObject.WaitUntilInteractiveAsync(page);
        await WaitForRowsAsync();
        // The page's keyboard and click handlers attach just after the first interactive render.
        await Assertions.Expect(Search).ToHaveAttributeAsync("data-shortcuts", "ready");
    }

    public Task<int> ScrollYAsync() => page.EvaluateAsync<int>("() => Math.round(window.scrollY)");

    /// <summary>Waits until the tab remembers this list scrolled to <paramref name="y"/> (sessionStorage, by list URL).</summary>
    public Task WaitUntilScrollRememberedAsync(int y) => page.WaitForFunctionAsync(
        "y => sessionStorage.getItem('productbrowser.list-scroll:' + location.pathname + location.search) === String(y)", y);

    public Task WaitForRowsAsync() => Assertions.Expect(SkuLinks.First).ToBeVisibleAsync();

    public async Task ChooseCategoryAsync(string name) =>
        await page.Locator("#filter-category").SelectOptionAsync(await CategoryOption(name).GetAttributeAsync("value") ?? "");

    /// <summary>The count beside a category ("Hand Tools (1,234)"), once the counts for the search have arrived.</summary>
    public async Task<int> CategoryOptionCountAsync(string name)
    {
        var option = CategoryOption(name);
        await Assertions.Expect(option).ToHaveTextAsync(new Regex(@"\(\d[\d,]*\)$"));
        var text = await option.InnerTextAsync();
        return int.Parse(Regex.Match(text, @"\(([\d,]+)\)$").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    /// <summary>Options read "Hand Tools (1,234)", or the name alone where the matches are too many to count.</summary>
    private ILocator CategoryOption(string name) => page.Locator("#filter-category option")
        .Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(name) + "( \\(|$)") });

    public Task SortByAsync(string column) => page.GetByRole(AriaRole.Button, new() { Name = $"Sort by {column}" }).ClickAsync();

    public Task NextPageAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();

    public async Task<IReadOnlyList<string>> SkusAsync() => await SkuLinks.AllInnerTextsAsync();
}
