using System.Globalization;

namespace ProductBrowser.LocalServers;

/// <summary>
/// A throwaway Sentinel deployment on 127.0.0.1: a primary, one replica (REPLICAOF) and three sentinels that must agree
/// (quorum 2) that the primary is down. Short timeouts, so a killed primary is replaced within seconds.
/// </summary>
public sealed class RedisSentinelGroup : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly IReadOnlyList<RedisServer> _servers;

    private RedisSentinelGroup(string directory, string serviceName, IReadOnlyList<RedisServer> servers, IReadOnlyList<RedisServer> sentinels)
    {
        _directory = directory;
        ServiceName = serviceName;
        _servers = servers;
        Sentinels = sentinels;
    }

    public string ServiceName { get; }

    /// <summary>The replica, as started (the primary once a failover has promoted it).</summary>
    public RedisServer Replica => _servers[1];

    public IReadOnlyList<RedisServer> Sentinels { get; }

    /// <summary>The sentinels and the service name: the client asks them for the primary and follows a failover.</summary>
    public string ConnectionString =>
        string.Join(',', Sentinels.Select(sentinel => sentinel.ConnectionString)) + $",serviceName={ServiceName}";

    public static async Task<RedisSentinelGroup> StartAsync(
        string directory, string serviceName, int downAfterMilliseconds = 1_000, int failoverTimeoutMilliseconds = 3_000,
        CancellationToken cancellationToken = default)
    {
        directory = Path.GetFullPath(directory);
        var primary = await RedisServer.StartAsync(Path.Combine(directory, "primary"), ServerPorts.Free(), throwaway: true, cancellationToken);
        var replica = await RedisServer.StartReplicaAsync(Path.Combine(directory, "replica"), ServerPorts.Free(), primary, cancellationToken);
        var sentinels = await Task.WhenAll(Enumerable.Range(1, 3).Select(n => RedisServer.StartSentinelAsync(
            Path.Combine(directory, $"sentinel-{n}"), ServerPorts.Free(), serviceName, primary.Port, cancellationToken,
            quorum: 2, downAfterMilliseconds: downAfterMilliseconds, failoverTimeoutMilliseconds: failoverTimeoutMilliseconds)));
        var group = new RedisSentinelGroup(directory, serviceName, [primary, replica], sentinels);
        try
        {
            // Sentinels find the replica and each other through the primary (INFO, and hello messages on its pub/sub):
            // until each knows both, a failover could not reach its quorum.
            await group.WaitUntilAsync(async () =>
            {
                foreach (var sentinel in sentinels)
                {
                    var state = Fields(await sentinel.CliAsync(["SENTINEL", "MASTER", serviceName], cancellationToken));
                    if (state.GetValueOrDefault("num-slaves") != "1" || state.GetValueOrDefault("num-other-sentinels") != "2")
                    {
                        return false;
                    }
                }

                return RedisCluster.ReplicasCaughtUp(await primary.CliAsync(["INFO", "replication"], cancellationToken));
            }, "know the replica and each other", cancellationToken);
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    /// <summary>The data server the sentinels name as primary now (null while they name one that does not answer).</summary>
    public async Task<RedisServer?> PrimaryAsync(CancellationToken cancellationToken = default)
    {
        var sentinel = Sentinels.First(s => s.IsRunning);
        var address = (await sentinel.CliAsync(["SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName], cancellationToken))
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var port = int.Parse(address[1], CultureInfo.InvariantCulture);
        return _servers.FirstOrDefault(server => server.Port == port && server.IsRunning);
    }

    /// <summary>Waits until the replica holds everything the primary acknowledged (replication is asynchronous).</summary>
    public async Task WaitForReplicaAsync(CancellationToken cancellationToken = default)
    {
        var primary = await PrimaryAsync(cancellationToken) ?? throw new InvalidOperationException("The primary does not answer.");
        await WaitUntilAsync(async () => RedisCluster.ReplicasCaughtUp(await primary.CliAsync(["INFO", "replication"], cancellationToken)),
            "show the replica caught up", cancellationToken);
    }

    /// <summary>
    /// Cuts the replica off <paramref name="primary"/> and keeps it off, as a primary that dies before sending its last
    /// writes: the primary starts asking for a password the replica does not know, then drops its replication link.
    /// Connections already open (the app's, the sentinels') stay signed in and go on as before.
    /// </summary>
    public async Task CutReplicationAsync(RedisServer primary, CancellationToken cancellationToken = default)
    {
        var password = Guid.NewGuid().ToString("N");
        await primary.CliAsync(["CONFIG", "SET", "requirepass", password], cancellationToken);
        await primary.CliAsync(["--no-auth-warning", "-a", password, "CLIENT", "KILL", "TYPE", "replica"], cancellationToken);
        await WaitUntilAsync(async () => (await Replica.CliAsync(["INFO", "replication"], cancellationToken)).Contains("master_link_status:down", StringComparison.Ordinal),
            "see the replica cut off", cancellationToken);
    }

    /// <summary>Key/value lines of redis-cli's answer to SENTINEL MASTER.</summary>
    private static Dictionary<string, string> Fields(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(0, lines.Length / 2).ToDictionary(i => lines[2 * i], i => lines[(2 * i) + 1], StringComparer.Ordinal);
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The sentinels of {ServiceName} did not {what} within {Deadline.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Sentinels.Concat(_servers))
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or DirectoryNotFoundException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
