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
}
