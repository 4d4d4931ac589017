using Microsoft.Extensions.DependencyInjection;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Base for integration tests of the catalog services: a fresh set of the app's services per test (its own Redis key
/// prefix) against the shared servers, and a scope per resolution, as a circuit would get.
/// </summary>
public abstract class CatalogServicesTest(TestServers servers) : IAsyncLifetime
{
    protected TestServers Servers { get; } = servers;

    protected CatalogServices Services { get; private set; } = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Services = CatalogServices.Create(Servers.CatalogConnectionString, Servers.RedisConnectionString);

        // The shared Redis is up: wait for this provider's connection, so that a cold start on a busy machine (longer
        // than the app's 500 ms Redis timeout) is not read as an outage by the first read of a test.
        await Eventually.TrueAsync(() => Services.Multiplexer.IsConnected, TimeSpan.FromSeconds(15));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>A scoped service from a new scope.</summary>
    protected T Get<T>()
        where T : notnull => Services.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
