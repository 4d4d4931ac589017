using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductBrowser.Accounts;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Domain;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>Sign-in, roles and their limits, over HTTP against the real app.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    private static readonly string ProductPage = $"/products/{DemoCatalogGenerator.IdFor(5)}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousVisitorIsSentToSignIn()
    {
        using var client = browser.App.NewClient();

        var response = await client.GetAsync(ProductPage, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthIsOpenAndShowsNoSecrets()
    {
        using var client = browser.App.NewClient();

        var response = await client.GetAsync("/health", Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("postgresql", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StaffGetProductPagesWithoutTheCachePanelAndAdminsWithIt()
    {
        using var staff = browser.App.NewClient();
        using var admin = browser.App.NewClient();
        await SignInAsync(staff, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        await SignInAsync(admin, BrowserFixture.Admin, BrowserFixture.DemoPassword);

        var staffPage = await staff.GetStringAsync(ProductPage, Cancellation);
        var adminPage = await admin.GetStringAsync(ProductPage, Cancellation);

        Assert.Contains("data-field=\"sku\"", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain("cache-outcome", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain(":product:", staffPage, StringComparison.Ordinal);
        Assert.Contains("cache-outcome", adminPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedSignInWithoutTheAntiforgeryTokenIsRejected()
    {
        using var client = browser.App.NewClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = BrowserFixture.Admin,
            ["Input.Password"] = BrowserFixture.DemoPassword,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task JsonEndpointServesProductsToSignedInUsersThroughTheCache()
    {
        using var anonymous = browser.App.NewClient();
        using var staff = browser.App.NewClient();
        await SignInAsync(staff, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        var url = $"/api/products/{DemoCatalogGenerator.IdFor(41)}";

        var refused = await anonymous.GetAsync(url, Cancellation);
        var first = await staff.GetAsync(url, Cancellation);
        var second = await staff.GetAsync(url, Cancellation);
        var unknown = await staff.GetAsync($"/api/products/{Guid.NewGuid()}", Cancellation);
        var malformed = await staff.GetAsync("/api/products/not-an-id", Cancellation);
        var json = await second.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.Contains($"\"sku\":\"{new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(41).Sku}\"", json, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task AnonymousApiCallsGetA401ProblemNotTheSignInPage()
    {
        using var anonymous = browser.App.NewClient();

        var response = await anonymous.GetAsync($"/api/products/{DemoCatalogGenerator.IdFor(42)}", Cancellation);
        var problem = await ReadProblemAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.StartsWith("Cookie", response.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Sign-in required", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ApiWritesUnitsOfMeasureByName()
    {
        using var staff = browser.App.NewClient();
        await SignInAsync(staff, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        var expected = new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(43).UnitOfMeasure;

        using var json = System.Text.Json.JsonDocument.Parse(await staff.GetStringAsync($"/api/products/{DemoCatalogGenerator.IdFor(43)}", Cancellation));

        Assert.Equal(expected.ToString(), json.RootElement.GetProperty("unitOfMeasure").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentIsForAdminsAndStaffGetA403Problem()
    {
        using var anonymous = browser.App.NewClient();
        using var staff = browser.App.NewClient();
        using var admin = browser.App.NewClient();
        await SignInAsync(staff, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        await SignInAsync(admin, BrowserFixture.Admin, BrowserFixture.DemoPassword);

        var forAnonymous = await anonymous.GetAsync("/openapi/v1.json", Cancellation);
        var forStaff = await staff.GetAsync("/openapi/v1.json", Cancellation);
        var forAdmin = await admin.GetAsync("/openapi/v1.json", Cancellation);
        using var document = System.Text.Json.JsonDocument.Parse(await forAdmin.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.Unauthorized, forAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forStaff.StatusCode);
        Assert.Equal(403, (await ReadProblemAsync(forStaff)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.Equal("GetProduct", document.RootElement.GetProperty("paths").GetProperty("/api/products/{id}")
            .GetProperty("get").GetProperty("operationId").GetString());
    }

    private static async Task<System.Text.Json.JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("/admin/cache")]
    [InlineData("/products/20000000-0000-0000-0000-000000000005/edit")]
    public async Task AdminPagesAreForbiddenToStaffAndWorkForAdmins(string url)
    {
        using var staff = browser.App.NewClient();
        using var admin = browser.App.NewClient();
        await SignInAsync(staff, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        await SignInAsync(admin, BrowserFixture.Admin, BrowserFixture.DemoPassword);

        var refused = await staff.GetAsync(url, Cancellation);
        var denied = await staff.GetAsync(refused.Headers.Location, Cancellation);
        var allowed = await admin.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("access-denied", await denied.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task ForgedSignOutIsRejected()
    {
        using var client = browser.App.NewClient();
        await SignInAsync(client, BrowserFixture.Staff, BrowserFixture.DemoPassword);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()), Cancellation);
        var stillIn = await client.GetAsync("/products", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAccount()
    {
        using var client = browser.App.NewClient();
        for (var attempt = 1; attempt < 5; attempt++)
        {
            var failed = await SignInAsync(client, AppServer.LockoutUser, "not-the-password");
            Assert.Contains("not right", failed, StringComparison.Ordinal);
        }

        var fifth = await SignInAsync(client, AppServer.LockoutUser, "not-the-password");
        var locked = await SignInAsync(client, AppServer.LockoutUser, BrowserFixture.DemoPassword);

        Assert.Contains("locked", fifth, StringComparison.Ordinal);
        Assert.Contains("locked", locked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        using var client = browser.App.NewClient();
        await SignInAsync(client, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        var page = await client.GetStringAsync("/products", Cancellation);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInForm.Token(page),
        }), Cancellation);
        var after = await client.GetAsync("/products", Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task KioskModeLetsAnyoneBrowseButNeverTheAdminTools()
    {
        await using var kiosk = new AppServer(browser.CatalogConnectionString, browser.RedisConnectionString,
            new Dictionary<string, string?> { ["Security:AllowAnonymousBrowsing"] = "true", ["Cache:ListenForChanges"] = "false" });
        kiosk.Start();
        using var client = kiosk.NewClient();

        var list = await client.GetAsync("/products", Cancellation);
        var lookup = await client.GetAsync("/lookup", Cancellation);
        var product = await client.GetStringAsync(ProductPage, Cancellation);
        var dashboard = await client.GetAsync("/admin/cache", Cancellation);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.DoesNotContain("cache-outcome", product, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/account/login", dashboard.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoAdminPasswordIsRefusedOutsideDevelopment()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Catalog"] = browser.CatalogConnectionString,
            ["Security:Users:0:UserName"] = "admin",
            ["Security:Users:0:Password"] = SecurityOptions.DemoPassword,
            ["Security:Users:0:Role"] = "Admin",
        });
        builder.Services.AddLogging();
        builder.AddCatalogData();
        builder.AddAccounts();
        await using var services = builder.Services.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<AccountConfigurationException>(() =>
            scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync(Cancellation));

        Assert.Contains("demo password", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Posts the real sign-in form (with its antiforgery token) and returns the page shown afterwards.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string user, string password)
    {
        var response = await SignInForm.PostAsync(client, user, password);
        return response.StatusCode == HttpStatusCode.Redirect
            ? await client.GetStringAsync(response.Headers.Location, Cancellation)
            : await response.Content.ReadAsStringAsync(Cancellation);
    }
}
