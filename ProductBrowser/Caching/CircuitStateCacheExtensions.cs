using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

public static class CircuitStateCacheExtensions
{
    /// <summary>
    /// A <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/> with the shared Redis as its distributed tier:
    /// the store Blazor uses for a paused or evicted circuit's state (<c>CircuitOptions.HybridPersistenceCache</c>
    /// picks up the registered one), so any instance can resume a circuit that another one persisted.
    /// </summary>
    public static IHostApplicationBuilder AddCircuitStateCache(this IHostApplicationBuilder builder)
    {
        // The second road to Redis, and the only one besides RedisGateway: the framework persists circuits through
        // HybridCache → IDistributedCache, which speak to Redis themselves. They get the process's one multiplexer (no
        // second connection, the same AbortOnConnectFail = false and timeouts), and their keys live under the app's
        // prefix like every other key.
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>()
            .Configure<IServiceProvider, IOptions<CacheOptions>>((options, services, cache) =>
            {
                options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
                options.InstanceName = CircuitStateKeyPrefix(cache.Value);
            });
        builder.Services.AddHybridCache();
        return builder;
    }

    internal static string CircuitStateKeyPrefix(CacheOptions options) => $"{options.KeyPrefix}:circuits:";
}
