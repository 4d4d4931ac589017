using System.Globalization;

namespace ProductBrowser.LocalServers;

/// <summary>
/// A throwaway Redis Cluster on 127.0.0.1: <c>primaries</c> primaries holding the 16 384 hash slots, each with one
/// replica (<c>redis-cli --cluster create --cluster-replicas 1</c>), with a short node timeout so that a killed primary
/// is replaced within seconds. Tests kill primaries to see the client follow the failover.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _directory;

    private RedisCluster(string directory, IReadOnlyList<RedisServer> nodes)
    {
        _directory = directory;
        Nodes = nodes;
    }

    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>Every node, as StackExchange.Redis takes them (it discovers the topology from any one of them).</summary>
    public string ConnectionString => string.Join(',', Nodes.Select(node => node.ConnectionString));

    public static async Task<RedisCluster> StartAsync(
        string directory, int primaries = 3, int nodeTimeoutMilliseconds = 1_000, CancellationToken cancellationToken = default)
    {
        directory = Path.GetFullPath(directory);
        var nodes = await Task.WhenAll(Enumerable.Range(0, primaries * 2).Select(n => RedisServer.StartClusterNodeAsync(
            Path.Combine(directory, $"node-{n}"), ServerPorts.Free(), nodeTimeoutMilliseconds, cancellationToken)));
        var cluster = new RedisCluster(directory, nodes);
        try
        {
            await nodes[0].CliAsync(
            [
                "--cluster", "create", .. nodes.Select(node => node.ConnectionString), "--cluster-replicas", "1", "--cluster-yes",
            ], cancellationToken);
            await cluster.WaitUntilAsync(async () =>
            {
                var view = await cluster.NodesAsync(cancellationToken);
                return view.Count(n => n.IsPrimary && n.Slots.Count > 0) == primaries
                    && view.Count(n => !n.IsPrimary) == primaries
                    && (await Task.WhenAll(nodes.Select(n => n.CliAsync(["CLUSTER", "INFO"], cancellationToken))))
                        .All(info => info.Contains("cluster_state:ok", StringComparison.Ordinal));
            }, "report every slot served and every replica attached", cancellationToken);
            await cluster.WaitForReplicasAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The hash slot of <paramref name="key"/>, as the cluster computes it.</summary>
    public async Task<int> SlotOfAsync(string key, CancellationToken cancellationToken = default) =>
        int.Parse((await AnyRunning().CliAsync(["CLUSTER", "KEYSLOT", key], cancellationToken)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The node serving <paramref name="slot"/> as primary right now, as a running node sees it (null while none does).</summary>
    public async Task<RedisServer?> PrimaryOfAsync(int slot, CancellationToken cancellationToken = default)
    {
        var owner = (await NodesAsync(cancellationToken)).FirstOrDefault(n => n.IsPrimary && !n.Failed && n.Slots.Any(range => range.Contains(slot)));
        return owner is null ? null : Nodes.FirstOrDefault(node => node.Port == owner.Port && node.IsRunning);
    }

    /// <summary>The replica of <paramref name="primary"/>.</summary>
    public async Task<RedisServer> ReplicaOfAsync(RedisServer primary, CancellationToken cancellationToken = default)
    {
        var view = await NodesAsync(cancellationToken);
        var id = view.Single(n => n.Port == primary.Port).Id;
        var replica = view.Single(n => n.PrimaryId == id);
        return Nodes.Single(node => node.Port == replica.Port);
    }

    /// <summary>
    /// Waits until every replica has received everything its primary holds (replication is asynchronous: a write a
    /// primary acknowledged is on its replica only once the replica's offset has reached the primary's).
    /// </summary>
    public async Task WaitForReplicasAsync(CancellationToken cancellationToken = default)
    {
        var primaries = (await NodesAsync(cancellationToken)).Where(n => n.IsPrimary && !n.Failed)
            .Select(n => Nodes.Single(node => node.Port == n.Port)).Where(node => node.IsRunning).ToList();
        foreach (var primary in primaries)
        {
            await WaitUntilAsync(async () => ReplicasCaughtUp(await primary.CliAsync(["INFO", "replication"], cancellationToken)),
                $"show the replica of port {primary.Port} caught up", cancellationToken);
        }
    }

    /// <summary>
    /// True when INFO replication of a primary names at least one replica, online, at the primary's offset. A primary
    /// without a replica never is: wait for replicas before killing primaries, not after.
    /// </summary>
    internal static bool ReplicasCaughtUp(string info)
    {
        var fields = info.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        if (!fields.TryGetValue("master_repl_offset", out var offset) || fields.GetValueOrDefault("connected_slaves") is null or "0")
        {
            return false;
        }

        return fields.Where(f => f.Key.StartsWith("slave", StringComparison.Ordinal) && f.Value.Contains("state=online", StringComparison.Ordinal))
            .Any(f => f.Value.Split(',').Contains($"offset={offset}"));
    }

    private RedisServer AnyRunning() =>
        Nodes.FirstOrDefault(node => node.IsRunning) ?? throw new InvalidOperationException("No node of the cluster is running.");

    /// <summary>CLUSTER NODES as seen by a running node.</summary>
    private async Task<IReadOnlyList<ClusterNode>> NodesAsync(CancellationToken cancellationToken) =>
        (await AnyRunning().CliAsync(["CLUSTER", "NODES"], cancellationToken))
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(ClusterNode.Parse)
            .ToList();

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The Redis cluster did not {what} within {Deadline.TotalSeconds:0} s. CLUSTER NODES:\n" +
                    await AnyRunning().CliAsync(["CLUSTER", "NODES"], cancellationToken));
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
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

    /// <summary>One line of CLUSTER NODES: <c>id ip:port@bus flags primary-id ping pong epoch link slot...</c>.</summary>
    private sealed record ClusterNode(string Id, int Port, bool IsPrimary, bool Failed, string? PrimaryId, IReadOnlyList<SlotRange> Slots)
    {
        public static ClusterNode Parse(string line)
        {
            var fields = line.Split(' ');
            var address = fields[1].Split('@')[0];
            var flags = fields[2].Split(',');
            var slots = fields.Skip(8).Where(f => !f.StartsWith('[')).Select(f => f.Split('-')).Select(range => new SlotRange(
                int.Parse(range[0], CultureInfo.InvariantCulture), int.Parse(range[^1], CultureInfo.InvariantCulture)));
            return new ClusterNode(fields[0], int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture),
                flags.Contains("master"), flags.Contains("fail") || flags.Contains("fail?"), fields[3] == "-" ? null : fields[3], [.. slots]);
        }
    }

    private readonly record struct SlotRange(int First, int Last)
    {
        public bool Contains(int slot) => slot >= First && slot <= Last;
    }
}
