using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class StaffBrowsingTests(BrowserFixture browser)
{
    [Fact]
    public async Task SearchFilterSortOpenAndBackRestoresTheSameResultsPageAndScroll()
    {
        var page = await browser.NewPageAsync(new ViewportSize { Width = 1280, Height = 520 });
        var list = new ProductListPageObject(page);
        try
        {
            await list.OpenAsync("/products?size=10");
            await page.Keyboard.PressAsync("/");
            await Expect(list.Search).ToBeFocusedAsync();

            await page.Keyboard.TypeAsync("hammer");
            await Expect(page).ToHaveURLAsync(new Regex("q=hammer"));
            await list.ChooseCategoryAsync("Hand Tools");
            await Expect(page).ToHaveURLAsync(new Regex("category=7"));
            await list.SortByAsync("Weight");
            await Expect(page).ToHaveURLAsync(new Regex("sort=weight"));
            await list.WaitForRowsAsync();
            await list.NextPageAsync();
            await Expect(page).ToHaveURLAsync(new Regex("after=.*page=2|page=2.*after="));
            await Expect(list.PageNumber).ToContainTextAsync("Page 2");
            await list.WaitForRowsAsync();

            var listUrl = page.Url;
            var skus = await list.SkusAsync();
            await page.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
            var scrolled = await page.EvaluateAsync<double>("window.scrollY");
            await BrowserFixture.ScreenshotAsync(page, "product-list");

            await list.SkuLinks.Last.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/products/[0-9a-f-]{36}$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToBeEmptyAsync();

            await page.GoBackAsync();
            await Expect(page).ToHaveURLAsync(listUrl);
            await list.WaitForRowsAsync();
            Assert.Equal(skus, await list.SkusAsync());
            await Expect(list.PageNumber).ToContainTextAsync("Page 2");
            await Eventually.TrueAsync(async () => Math.Abs(await page.EvaluateAsync<double>("window.scrollY") - scrolled) < 5, TimeSpan.FromSeconds(5));

            var pasted = await browser.NewPageAsync();
            try
            {
                var again = new ProductListPageObject(pasted);
                await again.OpenAsync(listUrl);
                Assert.Equal(skus, await again.SkusAsync());
            }
            finally
            {
                await BrowserFixture.CloseAsync(pasted);
            }
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task DetailsPageLeadsBackToTheSameResults()
    {
        var page = await browser.NewPageAsync();
        var list = new ProductListPageObject(page);
        try
        {
            await list.OpenAsync("/products?q=wrench&sort=sku");
            await list.SkuLinks.First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "More in this category" }).Locator("a").First).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "product-details");

            await page.Locator("[data-testid=back-to-results]").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"/products\?q=wrench&sort=sku$"));
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Theory]
    [InlineData("/products?q=hammer")]
    [InlineData("/products/20000000-0000-0000-0000-000000000003")]
    [InlineData("/lookup")]
    [InlineData("/admin/cache")]
    [InlineData("/admin/audit?sku=PKG-0000042")]
    public async Task PagesHaveNoSeriousAccessibilityViolations(string url)
    {
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(url);
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            var results = await page.RunAxe();

            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")
                .ToList();
            Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public async Task HostileUrlParametersShowAPageNotAnError()
    {
        var page = await browser.NewPageAsync();
        try
        {
            var response = await page.GotoAsync("/products?q=%27%3B%20DROP%20TABLE%20products%3B--%25_%5C&page=-3&size=abc&sort=bogus&wmin=-5&after=%00garbage");
            await ProductPageObject.WaitUntilInteractiveAsync(page);

            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("[data-testid=list-notice]").First).ToContainTextAsync("negative");
            await Expect(page.Locator("[data-testid=list-empty]")).ToBeVisibleAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }
}
