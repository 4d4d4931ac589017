using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProductBrowser.Caching;
using ProductBrowser.Data.Seeding;
using ProductBrowser.ScaleOut;
using ProductBrowser.Tests.Infrastructure;
using StackExchange.Redis;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// Data-protection keys in the shared Redis: what one instance signs, another reads, however the instances start;
/// Redis stays optional. The instances seed the same users as the end-to-end app does, at the same time.
/// </summary>
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
    public async Task InstancesStartingTogetherOnAnEmptyKeyRingAcceptEachOthersForms()
    {
        var shared = new Dictionary<string, string?> { ["Cache:KeyPrefix"] = $"dp{Guid.NewGuid():N}"[..20] };
        AppServer[] instances = [.. Enumerable.Range(0, 3).Select(_ => new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString, shared))];
        try
        {
            await Task.WhenAll(instances.Select(instance => Task.Run(instance.Start, Cancellation)));

            foreach (var from in instances)
            {
                foreach (var to in instances.Where(i => i != from))
                {
                    await AssertSignInCrossesAsync(from, to);
                }
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task KeyMadeWhileRedisWasUnreachableAtStartIsAcceptedByAnInstanceThatStartedLater()
    {
        await using var redis = await servers.StartPrivateRedisAsync();
        await redis.StopAsync(Cancellation);
        var shared = new Dictionary<string, string?> { ["Cache:KeyPrefix"] = $"dp{Guid.NewGuid():N}"[..20] };
        await using var early = new AppServer(servers.CatalogConnectionString, redis.ConnectionString, shared);
        early.Start();
        using (var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }))
        {
            // The early instance protects with a key only it holds while Redis is down.
            Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, BrowserFixture.Staff, BrowserFixture.DemoPassword, early.BaseAddress)).StatusCode);
        }

        var held = early.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId.ToString("D")).ToList();
        await redis.StartAsync(Cancellation);
        await using var late = new AppServer(servers.CatalogConnectionString, redis.ConnectionString, shared);
        late.Start();
        var ring = late.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        RedisKey key = $"{shared["Cache:KeyPrefix"]}:data-protection-keys";
        // The early instance writes its key back once Redis answers (the late one may have made its own first, or not).
        await Eventually.TrueAsync(async () => (await ring.ListRangeAsync(key)).Any(v => held.Any(id => ((string?)v)!.Contains(id, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(20));

        await AssertSignInCrossesAsync(early, late);
        await AssertSignInCrossesAsync(late, early);
    }

    [Fact]
    public async Task KeyAddedByAnotherInstanceExpiresTheCachedKeyRing()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        var multiplexer = services.Get<IConnectionMultiplexer>();
        RedisKey key = $"{services.KeyPrefix}:data-protection-keys";
        using var here = new SharedKeyRingRepository(services.Get<RedisGateway>(), key, TimeProvider.System, NullLogger<SharedKeyRingRepository>.Instance);
        using var elsewhere = new SharedKeyRingRepository(services.Get<RedisGateway>(), key, TimeProvider.System, NullLogger<SharedKeyRingRepository>.Instance);
        Assert.Empty(here.GetAllElements());
        var changed = here.Changed;
        await Task.Delay(SharedKeyRingRepository.CheckInterval * 2, Cancellation);
        Assert.False(changed.IsCancellationRequested);

        elsewhere.StoreElement(new XElement("key", new XAttribute("id", "made-elsewhere")), "made-elsewhere");
        await Eventually.TrueAsync(() => changed.IsCancellationRequested, SharedKeyRingRepository.CheckInterval * 5);

        Assert.Equal("made-elsewhere", Assert.Single(here.GetAllElements()).Attribute("id")!.Value);
    }

    [Fact]
    public async Task TheKeyRingIsReadAndWrittenWhileTheBreakerKeepsReadsAwayFromRedis()
    {
        // Under start-up load a few timeouts open the breaker. Refusing the ring then would make each instance sign with
        // a key of its own, and one instance's forms would be refused by another.
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        var multiplexer = services.Get<IConnectionMultiplexer>();
        RedisKey key = $"{services.KeyPrefix}:data-protection-keys";
        await Eventually.TrueAsync(() => multiplexer.IsConnected, TimeSpan.FromSeconds(15));
        await multiplexer.GetDatabase().ListRightPushAsync(key, new XElement("key", new XAttribute("id", "made-elsewhere")).ToString(SaveOptions.DisableFormatting));
        var breaker = services.Get<RedisCircuitBreaker>();
        while (!breaker.IsOpen)
        {
            breaker.Failed(isTrial: false);
        }

        using var repository = new SharedKeyRingRepository(services.Get<RedisGateway>(), key, TimeProvider.System, NullLogger<SharedKeyRingRepository>.Instance);
        var read = repository.GetAllElements();
        repository.StoreElement(new XElement("key", new XAttribute("id", "made-here")), "made-here");

        Assert.True(breaker.IsOpen);
        Assert.Equal("made-elsewhere", Assert.Single(read).Attribute("id")!.Value);
        Assert.Equal(2, await multiplexer.GetDatabase().ListLengthAsync(key));
    }

    [Fact]
    public async Task KeyWrittenTwiceIsReadOnce()
    {
        // A write that timed out may have reached Redis and be written again; the framework refuses a ring holding a
        // key twice, which would fail every page.
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        var multiplexer = services.Get<IConnectionMultiplexer>();
        RedisKey key = $"{services.KeyPrefix}:data-protection-keys";
        using var repository = new SharedKeyRingRepository(services.Get<RedisGateway>(), key, TimeProvider.System, NullLogger<SharedKeyRingRepository>.Instance);
        await Eventually.TrueAsync(() => multiplexer.IsConnected, TimeSpan.FromSeconds(15));

        repository.StoreElement(new XElement("key", new XAttribute("id", "twice")), "twice");
        repository.StoreElement(new XElement("key", new XAttribute("id", "twice")), "twice");

        Assert.Equal(2, await multiplexer.GetDatabase().ListLengthAsync(key));
        Assert.Equal("twice", Assert.Single(repository.GetAllElements()).Attribute("id")!.Value);
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
        using var repository = new SharedKeyRingRepository(services.Get<RedisGateway>(), key, TimeProvider.System, NullLogger<SharedKeyRingRepository>.Instance);
        await redis.StopAsync(Cancellation);
        await Eventually.TrueAsync(() => !multiplexer.IsConnected, TimeSpan.FromSeconds(10));

        repository.StoreElement(new XElement("key", new XAttribute("id", "made-during-the-outage")), "made-during-the-outage");
        var duringOutage = repository.GetAllElements();
        await redis.StartAsync(Cancellation);
        // Written back by the periodic check (or by the next ring read) within seconds of Redis answering.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await multiplexer.GetDatabase().ListLengthAsync(key) > 0;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return false; // Still reconnecting.
            }
        }, SharedKeyRingRepository.CheckInterval * 8);
        var afterwards = repository.GetAllElements();

        Assert.Equal("made-during-the-outage", Assert.Single(duringOutage).Attribute("id")!.Value);
        Assert.Equal("made-during-the-outage", Assert.Single(afterwards).Attribute("id")!.Value);
        Assert.Equal(1, await multiplexer.GetDatabase().ListLengthAsync(key));
    }

    /// <summary>A sign-in form fetched from one instance is accepted by the other, and its cookie read by the first.</summary>
    private static async Task AssertSignInCrossesAsync(AppServer from, AppServer to)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        var signIn = await SignInForm.PostAsync(client, BrowserFixture.Staff, BrowserFixture.DemoPassword, from.BaseAddress, to.BaseAddress);
        var page = await client.GetAsync(new Uri(from.BaseAddress, ProductPage), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
