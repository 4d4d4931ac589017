using Npgsql;
using ProductBrowser.LocalServers;

[assembly: AssemblyFixture(typeof(ProductBrowser.Tests.Infrastructure.TestServers))]

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL and one Redis for the whole test run, started from the machine's binaries in a temp folder
/// the first time a test asks for them: a run of unit and bunit tests alone starts no server. Set
/// PRODUCTBROWSER_TEST_POSTGRES (an admin connection string) and PRODUCTBROWSER_TEST_REDIS to use servers someone
/// already runs. Tests isolate themselves: databases are created per purpose, Redis keys carry a per-test prefix.
/// </summary>
public sealed class TestServers : IAsyncLifetime
{
    private readonly Lazy<Task> _started;

    public const int DemoProductCount = 3_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"productbrowser-tests-{Guid.NewGuid():N}");
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    private string _postgresAdmin = "";
    private string _redisConnection = "";
    private string _catalog = "";

    public TestServers() => _started = new Lazy<Task>(() => Task.Run(StartAsync));

    /// <summary>Connection string of the server's maintenance database, for creating test databases.</summary>
    public string PostgresAdminConnectionString => Started(ref _postgresAdmin);

    public string RedisConnectionString => Started(ref _redisConnection);

    /// <summary>A migrated database holding the demo catalog (<see cref="DemoProductCount"/> products). Tests only read it.</summary>
    public string CatalogConnectionString => Started(ref _catalog);

    /// <summary>Nothing starts here: servers start on first use (see <see cref="Started"/>).</summary>
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The value once the servers run, starting them on the first call (once, for every test that waits meanwhile). A
    /// blocking wait, since tests read these as properties; the start runs on the thread pool, not on the caller.
    /// </summary>
    private string Started(ref string value)
    {
        _started.Value.GetAwaiter().GetResult();
        return value;
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(_root);

        if (Environment.GetEnvironmentVariable("PRODUCTBROWSER_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            _postgresAdmin = postgres;
        }
        else
        {
            _postgres = await PostgresServer.StartAsync(Path.Combine(_root, "postgres"), ServerPorts.Free(), throwaway: true);
            _postgresAdmin = _postgres.ConnectionString();
        }

        if (Environment.GetEnvironmentVariable("PRODUCTBROWSER_TEST_REDIS") is { Length: > 0 } redis)
        {
            _redisConnection = redis;
        }
        else
        {
            _redis = await RedisServer.StartAsync(Path.Combine(_root, "redis"), ServerPorts.Free(), throwaway: true);
            _redisConnection = _redis.ConnectionString;
        }

        var catalog = await CreateDatabaseAsync("catalog");
        await CatalogDatabase.MigrateAndSeedAsync(catalog, _redisConnection, DemoProductCount);
        _catalog = catalog;
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}"[..Math.Min(purpose.Length + 33, 63)];
        await using var connection = new NpgsqlConnection(_postgresAdmin.Length > 0 ? _postgresAdmin : PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Starts a Redis of a test's own, for tests that stop and start it.</summary>
    public Task<RedisServer> StartPrivateRedisAsync() =>
        RedisServer.StartAsync(Path.Combine(_root, $"redis-{Guid.NewGuid():N}"), ServerPorts.Free(), throwaway: true);

    /// <summary>Starts a one-node Redis Cluster (every hash slot on one node) of a test's own.</summary>
    public Task<RedisServer> StartRedisClusterAsync() =>
        RedisServer.StartClusterAsync(Path.Combine(_root, $"redis-cluster-{Guid.NewGuid():N}"), ServerPorts.Free());

    /// <summary>Starts a Redis Cluster of a test's own: three primaries, each with a replica, failing over within seconds.</summary>
    public Task<RedisCluster> StartRedisClusterWithReplicasAsync() =>
        RedisCluster.StartAsync(Path.Combine(_root, $"redis-cluster-{Guid.NewGuid():N}"), cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Starts a primary, its replica and three sentinels of a test's own, failing over within seconds.</summary>
    public Task<RedisSentinelGroup> StartRedisSentinelGroupAsync(string serviceName) =>
        RedisSentinelGroup.StartAsync(Path.Combine(_root, $"redis-sentinels-{Guid.NewGuid():N}"), serviceName,
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Starts a Redis Sentinel of a test's own that monitors <paramref name="primary"/> as <paramref name="serviceName"/>.</summary>
    public Task<RedisServer> StartRedisSentinelAsync(RedisServer primary, string serviceName) =>
        RedisServer.StartSentinelAsync(Path.Combine(_root, $"redis-sentinel-{Guid.NewGuid():N}"), ServerPorts.Free(), serviceName, primary.Port);

    /// <summary>Starts a PostgreSQL of a test's own with a small migrated demo catalog, for tests that stop and start it.</summary>
    public async Task<PostgresServer> StartPrivatePostgresAsync(int products = 50)
    {
        var server = await PostgresServer.StartAsync(Path.Combine(_root, $"postgres-{Guid.NewGuid():N}"), ServerPorts.Free(), throwaway: true);
        await CatalogDatabase.MigrateAndSeedAsync(server.ConnectionString("catalog"), _redisConnection.Length > 0 ? _redisConnection : RedisConnectionString, products);
        return server;
    }

    /// <summary>
    /// Starts a PostgreSQL primary of a test's own with a small migrated demo catalog (database <c>catalog</c>) and a hot
    /// standby that streams it, the standby caught up. Replay can be paused and resumed to make it lag.
    /// </summary>
    public async Task<ReplicatedPostgres> StartReplicatedPostgresAsync(int products = 50)
    {
        var redis = _redisConnection.Length > 0 ? _redisConnection : RedisConnectionString;
        var servers = await ReplicatedPostgres.StartAsync(Path.Combine(_root, $"replicated-{Guid.NewGuid():N}"), throwaway: true);
        try
        {
            await CatalogDatabase.MigrateAndSeedAsync(servers.Primary.ConnectionString("catalog"), redis, products);
            await servers.WaitUntilReplayedAsync(TimeSpan.FromSeconds(30));
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started.IsValueCreated)
        {
            try
            {
                await _started.Value;
            }
            catch (Exception)
            {
                // A start that failed has told every test why; stop what did start.
            }

            NpgsqlConnection.ClearAllPools();
            if (_redis is not null)
            {
                await _redis.DisposeAsync();
            }

            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }
        }

        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
    }
}
