using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProductBrowser.Diagnostics;

namespace ProductBrowser.Benchmarks;

/// <summary>The app's own services behind the pages (<see cref="CatalogBackend.AddCatalogBackend"/>), without the web host.</summary>
internal static class BenchmarkServices
{
    public static ServiceProvider Create(
        string catalog, string redis, string keyPrefix, int productCount, PlanCapture? plans, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Catalog"] = catalog,
            ["ConnectionStrings:Redis"] = redis,
            ["Cache:KeyPrefix"] = keyPrefix,
            ["DemoCatalog:ProductCount"] = productCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("ProductBrowser.Data", LogLevel.Information));

        // The SQL capture (for plans and query counts) is an EF interceptor: left out where reads are timed, since the
        // app itself runs without one.
        if (plans is not null)
        {
            builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(plans);
        }

        // As the app runs: OpenTelemetry's metrics and traces listening, and the dashboard's figures, so every read
        // measured here pays for its instruments (nothing is exported; an exporter works on its own thread).
        builder.AddTelemetry();
        builder.AddCatalogBackend();
        var provider = builder.Services.BuildServiceProvider();
        provider.GetRequiredService<MeterProvider>();
        provider.GetRequiredService<TracerProvider>();
        provider.GetRequiredService<CacheStatistics>();
        return provider;
    }
}
