using ProductBrowser.Components.Account.Pages;

namespace ProductBrowser.Tests.Unit;

public sealed class SignInReturnUrlTests
{
    [Theory]
    [InlineData("/products?q=x", "/products?q=x")]
    [InlineData("/admin/cache", "/admin/cache")]
    [InlineData("~/admin/cache", "/admin/cache")]
    public void PathsOnThisSiteAreFollowedAfterSignIn(string returnUrl, string expected)
    {
        Assert.Equal(expected, Login.LocalReturnUrl(returnUrl));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("admin/cache")]
    public void AnythingElseGoesToTheProductList(string? returnUrl)
    {
        Assert.Equal("/products", Login.LocalReturnUrl(returnUrl));
    }
}
