using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>The real app on a loopback port (Kestrel, not the in-memory test server), so a browser can reach it.</summary>
public sealed class AppServer(string catalogConnectionString, string redisConnectionString) : WebApplicationFactory<Program>
{
    public string KeyPrefix { get; } = $"e2e{Guid.NewGuid():N}"[..20];

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Catalog", catalogConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", redisConnectionString);
        builder.UseSetting("Cache:KeyPrefix", KeyPrefix);
        builder.UseSetting("DemoCatalog:Enabled", "false");
    }
}
