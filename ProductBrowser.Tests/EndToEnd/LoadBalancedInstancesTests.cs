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
    public Task UserWhoseInstanceDiesContinuesOnTheOtherStillSignedIn() => OnTheBalancerAsync(async page =>
    {
        var path = $"/products/{DemoCatalogGenerator.IdFor(7)}";
        var first = await page.GotoAsync(path);
        await ProductPageObject.WaitUntilInteractiveAsync(page);
        var holder = first!.Headers[InstanceHeader];

        var response = await ReloadedWhileAsync(page, path, balanced.Instance(holder).KillAsync);

        Assert.Equal(LoadBalancedApp.Other(holder), response.Headers[InstanceHeader]);
        Assert.Equal(200, response.Status);
        await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^\s*{BrowserFixture.Admin}\s+Admin\s*$"));
        await Expect(new ProductPageObject(page).Heading).Not.ToBeEmptyAsync();
    });

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
    public Task UnsavedEditsComeBackAfterAGracefulStopOfTheirInstance() =>
        UnsavedEditsComeBackWhenTheirInstanceGoesAsync(instance => instance.StopAsync());

    [Fact]
    public Task UnsavedEditsComeBackAfterTheirInstanceIsKilled() =>
        UnsavedEditsComeBackWhenTheirInstanceGoesAsync(instance => instance.KillAsync());

    [Fact]
    public Task FilteredListKeepsItsFiltersPageAndScrollWhenItsInstanceStops() => OnTheBalancerAsync(async page =>
    {
        await page.SetViewportSizeAsync(1000, 500);
        var list = new ProductListPageObject(page);
        const string url = "/products?wmin=0.1&sort=weight&size=10&page=2";
        var opened = await page.GotoAsync(url);
        await ProductPageObject.WaitUntilInteractiveAsync(page);
        await list.WaitForRowsAsync();
        var holder = opened!.Headers[InstanceHeader];
        var firstSku = await list.SkuLinks.First.TextContentAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 200)");
        var scrolled = await list.ScrollYAsync();
        Assert.True(scrolled > 0, "The list is too short to scroll in this viewport.");
        await list.WaitUntilScrollRememberedAsync(scrolled);

        var response = await ReloadedWhileAsync(page, url, balanced.Instance(holder).StopAsync);

        Assert.Equal(LoadBalancedApp.Other(holder), response.Headers[InstanceHeader]);
        Assert.EndsWith(url, page.Url, StringComparison.Ordinal);
        await Expect(list.MinWeight).ToHaveValueAsync("0.1");
        await Expect(list.SkuLinks.First).ToHaveTextAsync(firstSku!);
        await Eventually.TrueAsync(async () => await list.ScrollYAsync() == scrolled, TimeSpan.FromSeconds(10));
        // Interactive on the live instance: a new search reaches it and changes the URL.
        await list.Search.FillAsync("zzzz");
        await list.Search.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=zzzz"));
    });

    /// <summary>
    /// The edit form's instance goes away with input typed and not saved: the page reloads on the other instance and
    /// the form shows the input again, from the tab's draft, and takes more.
    /// </summary>
    private async Task UnsavedEditsComeBackWhenTheirInstanceGoesAsync(Func<ProductBrowser.LocalServers.AppProcess, Task> goAway)
    {
        var product = await CatalogDatabase.InsertProductAsync(balanced.CatalogConnectionString, servers.RedisConnectionString);
        await OnTheBalancerAsync(async page =>
        {
            var form = new ProductEditPageObject(page);
            var path = $"/products/{product.Id}/edit";
            var opened = await page.GotoAsync(path);
            await ProductPageObject.WaitUntilInteractiveAsync(page);
            var holder = opened!.Headers[InstanceHeader];
            await form.TypeAsync(form.Name, "Typed before the instance went away");
            await form.TypeAsync(form.Brand, "Unsaved Brand");
            await form.TypeAsync(form.Weight, "4.25");
            await form.TypeAsync(form.Bin, "Q-12");
            // The last field still has the focus: its value never reached the server, only the browser's draft.
            await form.WaitUntilDraftHoldsAsync(form.Bin, "Q-12");

            var response = await ReloadedWhileAsync(page, path, () => goAway(balanced.Instance(holder)));

            Assert.Equal(LoadBalancedApp.Other(holder), response.Headers[InstanceHeader]);
            await Expect(form.DraftRestoredNotice).ToBeVisibleAsync();
            await Expect(form.Name).ToHaveValueAsync("Typed before the instance went away");
            await Expect(form.Brand).ToHaveValueAsync("Unsaved Brand");
            await Expect(form.Weight).ToHaveValueAsync("4.25");
            await Expect(form.Bin).ToHaveValueAsync("Q-12");

            await form.TypeAsync(form.Bin, "Z-77");
            await form.WaitUntilDraftHoldsAsync(form.Bin, "Z-77");
        });
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> on a signed-in page through the balancer; then closes the page and starts again
    /// whichever instance the scenario stopped or killed.
    /// </summary>
    private async Task OnTheBalancerAsync(Func<IPage, Task> scenario)
    {
        var page = await browser.NewSignedInPageAsync(balanced.BalancerAddress);
        try
        {
            await scenario(page);
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
            await balanced.StartAgainWhereStoppedAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Takes the page's instance away and returns the response that reloaded <paramref name="path"/>, once the reloaded
    /// page is interactive: the circuit is gone with the instance, Blazor's reconnect reaches the other one, which does not
    /// know the circuit, so the page reloads (ReconnectModal.razor.js) and nginx sends it to the live instance.
    /// </summary>
    private static async Task<IResponse> ReloadedWhileAsync(IPage page, string path, Func<Task> takeAway)
    {
        var reloaded = page.WaitForResponseAsync(
            r => r.Request.ResourceType == "document" && r.Url.EndsWith(path, StringComparison.Ordinal),
            new() { Timeout = 60_000 });
        await takeAway();
        var response = await reloaded;
        await ProductPageObject.WaitUntilInteractiveAsync(page);
        return response;
    }
}
