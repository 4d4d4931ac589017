using System.Net;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>Pages that say something is not there answer 404 too, over HTTP against the real app.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class NotFoundResponseTests(BrowserFixture browser)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownProductIdAnswers404WithTheProductsOwnNotFoundPage()
    {
        using var client = await SignedInClientAsync(BrowserFixture.Staff);
        var id = Guid.NewGuid();

        var response = await client.GetAsync($"/products/{id}", Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"product-not-found\"", body, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"page-not-found\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProductsEditPageAnswers404AndSaysSo()
    {
        using var client = await SignedInClientAsync(BrowserFixture.Admin);

        var response = await client.GetAsync($"/products/{Guid.NewGuid()}/edit", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no product with this id.", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownProductAndMalformedIdKeepTheirStatus()
    {
        using var client = await SignedInClientAsync(BrowserFixture.Staff);

        var known = await client.GetAsync($"/products/{ProductBrowser.Data.Seeding.DemoCatalogGenerator.IdFor(5)}", Cancellation);
        var malformed = await client.GetAsync("/products/not-an-id", Cancellation);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Contains("data-testid=\"page-not-found\"", await malformed.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    /// <summary>
    /// A pasted or hand-made link with a 10 000-character search reaches the list page (not a bare 414 from the server),
    /// which works with the search shortened to 200 characters (its title names it; the notice comes with the rows).
    /// </summary>
    [Fact]
    public async Task AListLinkWithAVeryLongSearchReachesThePageWithTheSearchShortened()
    {
        using var client = await SignedInClientAsync(BrowserFixture.Staff);

        var response = await client.GetAsync($"/products?q={new string('x', 10_000)}", Cancellation);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<title>\u201C{new string('x', 200)}\u201D", page, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInClientAsync(string user)
    {
        var client = browser.App.NewClient();
        var signedIn = await SignInForm.PostAsync(client, user, BrowserFixture.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
