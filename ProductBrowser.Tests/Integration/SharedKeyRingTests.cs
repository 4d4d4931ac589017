using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProductBrowser.Data.Seeding;
using ProductBrowser.ScaleOut;
using ProductBrowser.Tests.Infrastructure;
using StackExchange.Redis;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// Data-protection keys in the shared Redis: what one instance signs, another reads; Redis stays optional. In the
/// end-to-end collection, as every test that starts the app: instances seeding the same users must not run at once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SharedKeyRingTests(TestServers servers)
{
    private static readonly string ProductPage = $"products/{DemoCatalogGenerator.IdFor(3)}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInFormFromOneInstanceIsAcceptedByAnotherWhoseCookieTheFirstReads()
    {
        var shared = new Dictionary<string, string?> { ["Cache:KeyPrefix"] = $"dp{Guid.NewGuid():N}"[..20] };
        await using var first = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString, shared);
        await using var second = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString, shared);
        first.Start();
        second.Start();
        // Cookies do not depend on the port: one browser's cookies reach both instances, as behind a balancer.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        var signIn = await SignInForm.PostAsync(client, BrowserFixture.Staff, BrowserFixture.DemoPassword, first.BaseAddress, second.BaseAddress);
        var page = await client.GetAsync(new Uri(first.BaseAddress, ProductPage), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/products", new Uri(second.BaseAddress, signIn.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SignInWorksWhileRedisIsDown()
    {
        var nothingListens = $"127.0.0.1:{LocalServers.ServerPorts.Free()}";
        await using var app = new AppServer(servers.CatalogConnectionString, nothingListens);
        app.Start();
        using var client = app.NewClient();

        var signIn = await SignInForm.PostAsync(client, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        var page = await client.GetAsync(ProductPage, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task KeyMadeDuringARedisOutageIsSharedOnceRedisIsBack()
    {
        await using var redis = await servers.StartPrivateRedisAsync();
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, redis.ConnectionString);
        var multiplexer = services.Get<IConnectionMultiplexer>();
        RedisKey key = $"{services.KeyPrefix}:data-protection-keys";
        var repository = new SharedKeyRingRepository(multiplexer, key, NullLogger<SharedKeyRingRepository>.Instance);
        await redis.StopAsync(Cancellation);
        await Eventually.TrueAsync(() => !multiplexer.IsConnected, TimeSpan.FromSeconds(10));

        repository.StoreElement(new XElement("key", new XAttribute("id", "made-during-the-outage")), "made-during-the-outage");
        var duringOutage = repository.GetAllElements();
        await redis.StartAsync(Cancellation);
        await Eventually.TrueAsync(() => multiplexer.IsConnected, TimeSpan.FromSeconds(15));
        var afterwards = repository.GetAllElements();

        Assert.Equal("made-during-the-outage", Assert.Single(duringOutage).Attribute("id")!.Value);
        Assert.Equal("made-during-the-outage", Assert.Single(afterwards).Attribute("id")!.Value);
        Assert.Equal(1, await multiplexer.GetDatabase().ListLengthAsync(key));
    }
}
