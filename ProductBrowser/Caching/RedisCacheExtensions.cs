using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

public static class RedisCacheExtensions
{
    public const string ConnectionStringName = "Redis";

    /// <summary>
    /// One <see cref="IConnectionMultiplexer"/> for the process. Redis is an accelerator, not a dependency: the app starts
    /// and serves from PostgreSQL while Redis is down, and reconnects by itself.
    /// </summary>
    public static IHostApplicationBuilder AddRedisCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>()
            .Bind(builder.Configuration.GetSection(CacheOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<RedisConnectionOptions>()
            .Configure(o => o.ConnectionString = builder.Configuration.GetConnectionString(ConnectionStringName) ?? "")
            .Validate(o => TryParse(o.ConnectionString, out _),
                $"ConnectionStrings:{ConnectionStringName} must be a Redis configuration string such as 'localhost:6379' " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}).")
            .ValidateOnStart();

        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var connection = sp.GetRequiredService<IOptions<RedisConnectionOptions>>().Value.ConnectionString;
            var cache = sp.GetRequiredService<IOptions<CacheOptions>>().Value;
            TryParse(connection, out var configuration);
            configuration!.AbortOnConnectFail = false;
            // Fail at once while disconnected instead of queueing reads behind a dead connection.
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2_000);
            // The client's own timeout bounds every call (RedisCircuitBreaker stops calling after repeated failures). It is
            // checked on each heartbeat, so the heartbeat runs often enough for a hung server to cost about the timeout.
            configuration.AsyncTimeout = cache.OperationTimeoutMilliseconds;
            configuration.SyncTimeout = cache.OperationTimeoutMilliseconds;
            configuration.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(cache.OperationTimeoutMilliseconds / 4, 50, 1_000));
            configuration.ClientName ??= "productbrowser";
            // INFO for the admin dashboard's Redis card; the app never sends other admin commands.
            configuration.AllowAdmin = true;
            return ConnectionMultiplexer.Connect(configuration);
        });

        builder.Services.AddMetrics();
        builder.Services.AddSingleton<CacheKeys>();
        builder.Services.AddSingleton<RedisCircuitBreaker>();
        builder.Services.AddSingleton<RedisTelemetry>();
        builder.Services.AddSingleton<RedisGateway>();
        builder.Services.AddSingleton<CacheStore>();
        return builder;
    }

    /// <summary>
    /// Connects at start-up rather than on the first product read, so that read's Redis time is the GET, not the
    /// handshake. With Redis down this waits at most the connect timeout and the app starts anyway.
    /// </summary>
    public static WebApplication ConnectRedis(this WebApplication app)
    {
        app.Services.GetRequiredService<IConnectionMultiplexer>();
        return app;
    }

    private static bool TryParse(string connectionString, out ConfigurationOptions? configuration)
    {
        configuration = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            configuration = ConfigurationOptions.Parse(connectionString);
            return configuration.EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
