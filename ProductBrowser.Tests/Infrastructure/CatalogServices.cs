using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Diagnostics;
using StackExchange.Redis;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// The app's services behind the pages, registered by the app's own <see cref="CatalogBackend.AddCatalogBackend"/> against real servers.
/// Each instance writes under its own Redis key prefix, so tests never see each other's entries.
/// </summary>
public sealed class CatalogServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CatalogServices(ServiceProvider provider, string keyPrefix)
    {
        _provider = provider;
        KeyPrefix = keyPrefix;
    }

    public string KeyPrefix { get; }

    public SqlCommandCounter Sql => _provider.GetRequiredService<SqlCommandCounter>();

    public IServiceProvider Services => _provider;

    public CacheKeys Keys => _provider.GetRequiredService<CacheKeys>();

    public IConnectionMultiplexer Multiplexer => _provider.GetRequiredService<IConnectionMultiplexer>();

    public IDatabase Redis => Multiplexer.GetDatabase();

    public static CatalogServices Create(
        string catalogConnectionString, string redisConnectionString, IDictionary<string, string?>? settings = null,
        TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var keyPrefix = settings is not null && settings.TryGetValue("Cache:KeyPrefix", out var prefix) && prefix is not null
            ? prefix
            : $"t{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Testing",
        });

        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Catalog"] = catalogConnectionString,
            ["ConnectionStrings:Redis"] = redisConnectionString,
            ["Cache:KeyPrefix"] = keyPrefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var counter = new SqlCommandCounter();
        builder.Services.AddSingleton(counter);
        builder.Services.AddSingleton<IInterceptor>(counter);
        builder.Services.AddLogging();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        configure?.Invoke(builder.Services);
        builder.AddCatalogBackend();

        var provider = builder.Services.BuildServiceProvider(validateScopes: true);
        // As the host does at start: the dashboard's figures listen from the first read on.
        provider.GetRequiredService<CacheStatistics>();
        return new CatalogServices(provider, keyPrefix);
    }

    /// <summary>A fresh scope's query service, as a Blazor circuit would get it.</summary>
    public IProductQueryService CreateQueryService() =>
        _provider.CreateScope().ServiceProvider.GetRequiredService<IProductQueryService>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
