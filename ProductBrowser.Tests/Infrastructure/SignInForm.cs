using System.Net;
using System.Text.RegularExpressions;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>The real sign-in form over HTTP: fetched (with its antiforgery token) from one address, posted to another.</summary>
public static partial class SignInForm
{
    /// <summary>Gets the form from <paramref name="formFrom"/> and posts it to <paramref name="postTo"/> (the same server by default).</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string user, string password, Uri? formFrom = null, Uri? postTo = null)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var form = await client.GetStringAsync(new Uri(formFrom ?? client.BaseAddress!, "account/login"), cancellation);
        return await client.PostAsync(new Uri(postTo ?? formFrom ?? client.BaseAddress!, "account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token(form),
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        }), cancellation);
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string Token(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException("No antiforgery token on the page."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
