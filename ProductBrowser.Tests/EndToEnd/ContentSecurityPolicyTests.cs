using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>
/// Scripts run only from the app's own files and the nonce'd import map. Every other end-to-end test also fails on any
/// policy violation its pages report (see <see cref="BrowserFixture.CloseAsync"/>).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ContentSecurityPolicyTests(BrowserFixture browser)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInjectedInlineScriptDoesNotRun()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/products");
            await Expect(page.Locator("#app-interactive[data-interactive=true]")).ToBeAttachedAsync();

            var ran = await page.EvaluateAsync<bool>("""
                async () => {
                    const script = document.createElement('script');
                    script.textContent = 'window.injectedScriptRan = true';
                    document.body.appendChild(script);
                    await new Promise(r => setTimeout(r, 100));
                    return window.injectedScriptRan === true;
                }
                """);

            Assert.False(ran);
            await Eventually.TrueAsync(() => PolicyViolations(page).Count > 0, TimeSpan.FromSeconds(5));
            Assert.Contains(PolicyViolations(page), v => v.Contains("script-src", StringComparison.Ordinal));
            // Provoked on purpose: not a violation of the page's own.
            PolicyViolations(page).Clear();
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/products")]
    [InlineData("/favicon.png")]
    [InlineData("/api/products/00000000-0000-0000-0000-000000000001")]
    [InlineData("/alive")]
    [InlineData("/no-such-page")]
    public async Task EveryResponseCarriesOnePolicyThatAllowsNoInlineScriptButTheImportMap(string path)
    {
        using var client = browser.App.NewClient();

        using var response = await client.GetAsync(path, Cancellation);

        var policies = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.ToList() : [];
        Assert.True(policies.Count == 1, string.Join(" || ", policies));
        var policy = policies[0];
        var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scripts, StringComparison.Ordinal);
        if (path == "/account/login")
        {
            var nonce = Nonce().Match(scripts).Groups[1].Value;
            // The attribute is HTML-encoded (a '+' of the base64 nonce is written as &#x2B;), as the browser decodes it.
            var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation));
            Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EachResponseGetsANonceOfItsOwn()
    {
        using var client = browser.App.NewClient();

        using var first = await client.GetAsync("/account/login", Cancellation);
        using var second = await client.GetAsync("/account/login", Cancellation);

        Assert.NotEqual(Nonce().Match(first.Headers.GetValues("Content-Security-Policy").Single()).Value,
            Nonce().Match(second.Headers.GetValues("Content-Security-Policy").Single()).Value);
    }

    private static List<string> PolicyViolations(IPage page) => BrowserFixture.PolicyViolationsOf(page);

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
