using Npgsql;
using ProductBrowser.LocalServers;

[assembly: AssemblyFixture(typeof(ProductBrowser.Tests.Infrastructure.TestServers))]

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL and one Redis for the whole test run, started from the machine's binaries in a temp folder.
/// Set PRODUCTBROWSER_TEST_POSTGRES (an admin connection string) and PRODUCTBROWSER_TEST_REDIS to use servers someone
/// already runs. Tests isolate themselves: databases are created per purpose, Redis keys carry a per-test prefix.
/// </summary>
public sealed class TestServers : IAsyncLifetime
{
    public const int DemoProductCount = 3_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"productbrowser-tests-{Guid.NewGuid():N}");
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    /// <summary>Connection string of the server's maintenance database, for creating test databases.</summary>
    public string PostgresAdminConnectionString { get; private set; } = "";

    public string RedisConnectionString { get; private set; } = "";

    /// <summary>A migrated database holding the demo catalog (<see cref="DemoProductCount"/> products). Tests only read it.</summary>
    public string CatalogConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_root);

        if (Environment.GetEnvironmentVariable("PRODUCTBROWSER_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            PostgresAdminConnectionString = postgres;
        }
        else
        {
            _postgres = await PostgresServer.StartAsync(Path.Combine(_root, "postgres"), ServerPorts.Free(), throwaway: true);
            PostgresAdminConnectionString = _postgres.ConnectionString();
        }

        if (Environment.GetEnvironmentVariable("PRODUCTBROWSER_TEST_REDIS") is { Length: > 0 } redis)
        {
            RedisConnectionString = redis;
        }
        else
        {
            _redis = await RedisServer.StartAsync(Path.Combine(_root, "redis"), ServerPorts.Free(), throwaway: true);
            RedisConnectionString = _redis.ConnectionString;
        }

        CatalogConnectionString = await CreateDatabaseAsync("catalog");
        await CatalogDatabase.MigrateAndSeedAsync(CatalogConnectionString, RedisConnectionString, DemoProductCount);
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}"[..Math.Min(purpose.Length + 33, 63)];
        await using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Starts a Redis of a test's own, for tests that stop and start it.</summary>
    public Task<RedisServer> StartPrivateRedisAsync() =>
        RedisServer.StartAsync(Path.Combine(_root, $"redis-{Guid.NewGuid():N}"), ServerPorts.Free(), throwaway: true);

    /// <summary>Starts a one-node Redis Cluster (every hash slot on one node) of a test's own.</summary>
    public Task<RedisServer> StartRedisClusterAsync() =>
        RedisServer.StartClusterAsync(Path.Combine(_root, $"redis-cluster-{Guid.NewGuid():N}"), ServerPorts.Free());

    /// <summary>Starts a Redis Sentinel of a test's own that monitors <paramref name="primary"/> as <paramref name="serviceName"/>.</summary>
    public Task<RedisServer> StartRedisSentinelAsync(RedisServer primary, string serviceName) =>
        RedisServer.StartSentinelAsync(Path.Combine(_root, $"redis-sentinel-{Guid.NewGuid():N}"), ServerPorts.Free(), serviceName, primary.Port);

    /// <summary>Starts a PostgreSQL of a test's own with a small migrated demo catalog, for tests that stop and start it.</summary>
    public async Task<PostgresServer> StartPrivatePostgresAsync(int products = 50)
    {
        var server = await PostgresServer.StartAsync(Path.Combine(_root, $"postgres-{Guid.NewGuid():N}"), ServerPorts.Free(), throwaway: true);
        await CatalogDatabase.MigrateAndSeedAsync(server.ConnectionString("catalog"), RedisConnectionString, products);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
    }
}
