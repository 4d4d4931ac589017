using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog.Changes;

namespace ProductBrowser.Tests.Infrastructure;

public static class ChangeFeedServices
{
    /// <summary>The app's services with the change feed running and caught up, Redis connected.</summary>
    public static async Task<CatalogServices> StartAsync(
        string catalog, string redis, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var services = CatalogServices.Create(catalog, redis, settings, configure: configure);
        await Eventually.TrueAsync(() => services.Multiplexer.IsConnected, TimeSpan.FromSeconds(15));
        var feed = services.Get<CatalogChangeFeed>();
        await feed.StartAsync(cancellation);
        await feed.Listening.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
        // Catching up replays the last TTL's changes: after a 100 000-row import, that is 100 000 tombstones.
        await feed.CaughtUp.WaitAsync(TimeSpan.FromSeconds(120), cancellation);
        return services;
    }
}
