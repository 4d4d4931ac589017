using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;

namespace ProductBrowser.Benchmarks.Requests;

/// <summary>Where an app instance under load gets its products from.</summary>
internal enum ProductSource
{
    /// <summary>The app as shipped: ProductQueryService, cache-aside through Redis.</summary>
    Cache,

    /// <summary>As shipped, with the optional in-process tier turned on (<c>Cache:MemoryTier</c>).</summary>
    CacheWithMemoryTier,

    /// <summary>Every read goes to PostgreSQL (the cache bypassed).</summary>
    Database,

    /// <summary>Products held in this process: the ceiling for the page, with no data access at all.</summary>
    Memory,
}

/// <summary>
/// The real app (Production environment, Kestrel on a loopback port, sign-in required) with its product reads taken
/// from <paramref name="source"/>. Everything else (rendering, authentication, antiforgery, related products) is as shipped.
/// </summary>
/// (The type argument only names the app's assembly: this project's own top-level <c>Program</c> hides the app's.)
internal sealed class BenchmarkApp(string catalog, string redis, string keyPrefix, ProductSource source, IReadOnlyList<Guid> products)
    : WebApplicationFactory<ProductBrowser.Data.CatalogDbContext>
{
    // A user of this run's own: the benchmark database outlives runs, and existing users keep their passwords.
    public static readonly string UserName = $"loadtest-{Guid.NewGuid():N}"[..18];
    public static readonly string Password = $"Load-{Guid.NewGuid():N}";

    public ProductSource Source => source;

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Catalog", catalog);
        builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.UseSetting("Cache:KeyPrefix", keyPrefix);
        builder.UseSetting("DemoCatalog:Enabled", "false");
        builder.UseSetting("Cache:MemoryTier", source == ProductSource.CacheWithMemoryTier ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Security:Users:0:UserName", UserName);
        builder.UseSetting("Security:Users:0:Password", Password);
        builder.UseSetting("Security:Users:0:Role", "Staff");
        builder.UseSetting("Security:Users:1:UserName", UserName + "-admin");
        builder.UseSetting("Security:Users:1:Password", Password + "-admin");
        builder.UseSetting("Security:Users:1:Role", "Admin");
        builder.ConfigureTestServices(services =>
        {
            switch (source)
            {
                case ProductSource.Database:
                    services.AddScoped<IProductQueryService, DatabaseProductReads>();
                    break;
                case ProductSource.Memory:
                    services.AddSingleton(sp => InMemoryProductReads.Load(sp, products));
                    services.AddScoped<IProductQueryService>(sp => sp.GetRequiredService<InMemoryProductReads>());
                    break;
            }
        });
    }
}
