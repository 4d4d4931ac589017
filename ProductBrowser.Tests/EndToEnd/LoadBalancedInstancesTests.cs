using Microsoft.Playwright;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>Two app processes behind nginx with sticky sessions, sharing PostgreSQL and Redis.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class LoadBalancedInstancesTests(BrowserFixture browser, LoadBalancedApp balanced, TestServers servers)
    : IClassFixture<LoadBalancedApp>
{
    private const string InstanceHeader = "x-instance";

    [Fact]
    public async Task UserWhoseInstanceDiesContinuesOnTheOtherStillSignedIn()
    {
        var page = await browser.NewSignedInPageAsync(balanced.BalancerAddress);
        var path = $"/products/{DemoCatalogGenerator.IdFor(7)}";
        string? holder = null;
        try
        {
            var first = await page.GotoAsync(path);
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            holder = first!.Headers[InstanceHeader];
            var other = holder == LoadBalancedApp.FirstName ? LoadBalancedApp.SecondName : LoadBalancedApp.FirstName;

            // The circuit's instance dies; Blazor's reconnect reaches the other one, which does not know the circuit,
            // so the page reloads (ReconnectModal.razor.js) and nginx sends it on to the live instance.
            var reloaded = page.WaitForResponseAsync(
                r => r.Request.ResourceType == "document" && r.Url.EndsWith(path, StringComparison.Ordinal),
                new() { Timeout = 60_000 });
            await balanced.Instance(holder).KillAsync();
            var response = await reloaded;
            await ProductPageObject.WaitUntilInteractiveAsync(page);

            Assert.Equal(other, response.Headers[InstanceHeader]);
            Assert.Equal(200, response.Status);
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^\s*{BrowserFixture.Admin}\s+Admin\s*$"));
            await Expect(new ProductPageObject(page).Heading).Not.ToBeEmptyAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
            if (holder is not null)
            {
                await balanced.Instance(holder).StartAgainAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task ProductEditedThroughOneInstanceIsFreshOnTheOther()
    {
        var product = await CatalogDatabase.InsertProductAsync(balanced.CatalogConnectionString, servers.RedisConnectionString);
        var reader = await browser.NewSignedInPageAsync(balanced.BalancerAddress);
        var editor = await reader.Context.NewPageAsync();
        var second = balanced.Instance(LoadBalancedApp.SecondName).BaseAddress;
        var first = balanced.Instance(LoadBalancedApp.FirstName).BaseAddress;
        try
        {
            // The sign-in cookie was issued through the balancer; each instance reads it with the shared keys.
            var details = new ProductPageObject(reader);
            await reader.GotoAsync(new Uri(second, $"products/{product.Id}").ToString());
            await ProductPageObject.WaitUntilInteractiveAsync(reader);
            await reader.ReloadAsync();
            await ProductPageObject.WaitUntilInteractiveAsync(reader);
            await Expect(details.CacheOutcome).ToHaveTextAsync("HIT");
            await Expect(details.Heading).ToHaveTextAsync(product.Name);

            await editor.GotoAsync(new Uri(first, $"products/{product.Id}/edit").ToString());
            await ProductPageObject.WaitUntilInteractiveAsync(editor);
            await editor.Locator("#edit-name").FillAsync("Renamed on the first instance");
            await editor.Locator("#edit-name").BlurAsync();
            await editor.Locator("[data-testid=edit-save]").ClickAsync();
            await Expect(editor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/products/{product.Id}$"));

            // The page open on the second instance follows the change, and a new visit there reads the new values.
            await Expect(details.Heading).ToHaveTextAsync("Renamed on the first instance");
            await reader.ReloadAsync();
            await ProductPageObject.WaitUntilInteractiveAsync(reader);
            await Expect(details.Heading).ToHaveTextAsync("Renamed on the first instance");
        }
        finally
        {
            // One context holds both pages.
            await BrowserFixture.CloseAsync(reader);
        }
    }

    [Fact]
    public async Task UnsavedEditsSurviveAGracefulStopOfTheirInstance()
    {
        var product = await CatalogDatabase.InsertProductAsync(balanced.CatalogConnectionString, servers.RedisConnectionString);
        var page = await browser.NewSignedInPageAsync(balanced.BalancerAddress);
        var form = new ProductEditPageObject(page);
        string? holder = null;
        try
        {
            var opened = await page.GotoAsync($"/products/{product.Id}/edit");
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            holder = opened!.Headers[InstanceHeader];
            await TypeUnsavedInputAsync(form);

            // SIGTERM: the instance asks the browser to pause; Blazor persists the circuit (with the form) and the browser
            // resumes it through nginx on the other instance once this one is gone.
            await balanced.Instance(holder).StopAsync();

            await Expect(form.ReconnectDialog).Not.ToBeVisibleAsync(new() { Timeout = 30_000 });
            await ExpectUnsavedInputAsync(form);

            // The resumed circuit is live (on the other instance: the first is gone) and takes more input.
            await form.TypeAsync(form.Bin, "Z-77");
            await form.WaitUntilInputKeptAsync();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
            if (holder is not null)
            {
                await balanced.Instance(holder).StartAgainAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task UnsavedEditsComeBackAfterTheirInstanceIsKilled()
    {
        var product = await CatalogDatabase.InsertProductAsync(balanced.CatalogConnectionString, servers.RedisConnectionString);
        var page = await browser.NewSignedInPageAsync(balanced.BalancerAddress);
        var form = new ProductEditPageObject(page);
        var path = $"/products/{product.Id}/edit";
        string? holder = null;
        try
        {
            var opened = await page.GotoAsync(path);
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            holder = opened!.Headers[InstanceHeader];
            var other = holder == LoadBalancedApp.FirstName ? LoadBalancedApp.SecondName : LoadBalancedApp.FirstName;
            await TypeUnsavedInputAsync(form);

            // SIGKILL: nothing can be persisted by the dying instance. The browser reloads on the other instance and the
            // edit page takes the input back from the tab's storage.
            var reloaded = page.WaitForResponseAsync(
                r => r.Request.ResourceType == "document" && r.Url.EndsWith(path, StringComparison.Ordinal),
                new() { Timeout = 60_000 });
            await balanced.Instance(holder).KillAsync();
            var response = await reloaded;
            await ProductPageObject.WaitUntilInteractiveAsync(page);

            Assert.Equal(other, response.Headers[InstanceHeader]);
            await Expect(form.DraftRestoredNotice).ToBeVisibleAsync();
            await ExpectUnsavedInputAsync(form);
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
            if (holder is not null)
            {
                await balanced.Instance(holder).StartAgainAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task FilteredListKeepsItsFiltersPageAndScrollWhenItsInstanceStops()
    {
        var page = await browser.NewSignedInPageAsync(balanced.BalancerAddress);
        await page.SetViewportSizeAsync(1000, 500);
        var list = new ProductListPageObject(page);
        const string url = "/products?wmin=0.1&sort=weight&size=10&page=2";
        string? holder = null;
        try
        {
            var opened = await page.GotoAsync(url);
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            await list.WaitForRowsAsync();
            holder = opened!.Headers[InstanceHeader];
            var firstSku = await list.SkuLinks.First.TextContentAsync();
            await page.EvaluateAsync("() => { window.scrollTo(0, 200); }");
            var scrolled = await page.EvaluateAsync<int>("() => Math.round(window.scrollY)");
            Assert.True(scrolled > 0, "The list is too short to scroll in this viewport.");
            await Expect(list.MinWeight).ToHaveValueAsync("0.1");

            await balanced.Instance(holder).StopAsync();

            await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.EndsWith(url, page.Url, StringComparison.Ordinal);
            await Expect(list.MinWeight).ToHaveValueAsync("0.1");
            await Expect(list.SkuLinks.First).ToHaveTextAsync(firstSku!);
            Assert.Equal(scrolled, await page.EvaluateAsync<int>("() => Math.round(window.scrollY)"));
            // Interactive on the live instance: a new search reaches it and changes the URL.
            await list.Search.FillAsync("zzzz");
            await list.Search.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=zzzz"));
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
            if (holder is not null)
            {
                await balanced.Instance(holder).StartAgainAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task TypeUnsavedInputAsync(ProductEditPageObject form)
    {
        await form.TypeAsync(form.Name, "Typed before the instance went away");
        await form.TypeAsync(form.Brand, "Unsaved Brand");
        await form.TypeAsync(form.Weight, "4.25");
        await form.TypeAsync(form.Bin, "Q-12");
        await form.WaitUntilInputKeptAsync();
    }

    private static async Task ExpectUnsavedInputAsync(ProductEditPageObject form)
    {
        await Expect(form.Name).ToHaveValueAsync("Typed before the instance went away");
        await Expect(form.Brand).ToHaveValueAsync("Unsaved Brand");
        await Expect(form.Weight).ToHaveValueAsync("4.25");
        await Expect(form.Bin).ToHaveValueAsync("Q-12");
    }
}
