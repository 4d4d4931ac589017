using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>The real app on a loopback port (Kestrel, not the in-memory test server), so a browser can reach it.</summary>
public sealed class AppServer(
    string catalogConnectionString,
    string redisConnectionString,
    IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string KeyPrefix { get; } = $"e2e{Guid.NewGuid():N}"[..20];

    public const string LockoutUser = "lockout-test";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };

    public void Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        // A test may add a port (the Prometheus one): the app's own is the other.
        var metricsPort = settings is not null && settings.TryGetValue("Telemetry:PrometheusPort", out var port) ? $":{port}" : null;
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => metricsPort is null || !a.EndsWith(metricsPort, StringComparison.Ordinal));
        BaseAddress = new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Catalog", catalogConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", redisConnectionString);
        builder.UseSetting("Cache:KeyPrefix", KeyPrefix);
        builder.UseSetting("DemoCatalog:Enabled", "false");
        // A user of its own for lockout tests, so locking it never gets in another test's way.
        builder.UseSetting("Security:Users:2:UserName", LockoutUser);
        builder.UseSetting("Security:Users:2:Password", "Demo-Password-1");
        builder.UseSetting("Security:Users:2:Role", "Staff");
        // Every test signs in from 127.0.0.1, many times a minute: the throttle has tests of its own.
        builder.UseSetting("Security:SignInAttemptsPerAddress", "100000");
        builder.UseSetting("Security:SignInAttemptsPerUserAndAddress", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
