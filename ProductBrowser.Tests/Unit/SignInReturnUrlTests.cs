using ProductBrowser.Components.Account.Pages;

namespace ProductBrowser.Tests.Unit;

public sealed class SignInReturnUrlTests
{
    [Theory]
    [InlineData("/products?q=hammer", "/products?q=hammer")]
    [InlineData("admin/cache", "/admin/cache")]
    [InlineData(null, "/products")]
    [InlineData("//evil.example/steal", "/products")]
    [InlineData("/\\evil.example", "/products")]
    [InlineData("https://evil.example/", "/products")]
    public void OnlyPathsOnThisSiteAreFollowedAfterSignIn(string? returnUrl, string expected)
    {
        Assert.Equal(expected, Login.LocalReturnUrl(returnUrl));
    }
}
