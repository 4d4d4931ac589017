using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ProductBrowser.LocalServers;

/// <summary>
/// A Redis server of the project's own on 127.0.0.1, without persistence (it only ever holds cache entries).
/// Tests stop and start it to simulate outages.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _executable;
    private readonly bool _throwaway;
    private readonly IReadOnlyList<string> _leadingArguments;
    private readonly IReadOnlyList<string> _modeArguments;

    private RedisServer(string executable, string directory, int port, bool throwaway, IReadOnlyList<string>? leadingArguments = null,
        IReadOnlyList<string>? modeArguments = null)
    {
        _executable = executable;
        Directory = directory;
        Port = port;
        _throwaway = throwaway;
        _leadingArguments = leadingArguments ?? [];
        // A cache: no persistence; nothing evicted (an evicted tombstone or key ring would break freshness or sign-in).
        _modeArguments = modeArguments ?? ["--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"];
    }

    public string Directory { get; }

    public int Port { get; }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public bool IsRunning => Ping(Port);

    public static async Task<RedisServer> StartAsync(
        string directory, int port, bool throwaway, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(Executable(), Path.GetFullPath(directory), port, throwaway);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>A throwaway Redis Cluster of one node that holds every hash slot: cluster rules (CROSSSLOT) apply in full.</summary>
    public static async Task<RedisServer> StartClusterAsync(string directory, int port, CancellationToken cancellationToken = default)
    {
        directory = Path.GetFullPath(directory);
        var server = new RedisServer(Executable(), directory, port, throwaway: true, modeArguments:
            ["--save", "", "--appendonly", "no", "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(directory, "nodes.conf")]);
        await server.StartAsync(cancellationToken);
        await server.CliAsync(["CLUSTER", "ADDSLOTSRANGE", "0", "16383"], cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await server.CliAsync(["CLUSTER", "INFO"], cancellationToken)).Contains("cluster_state:ok", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The Redis cluster node on port {port} did not report cluster_state:ok within 15 s.");
            }

            await Task.Delay(50, cancellationToken);
        }

        return server;
    }

    /// <summary>A throwaway node of a Redis Cluster (no slots yet: <see cref="RedisCluster"/> joins the nodes).</summary>
    internal static async Task<RedisServer> StartClusterNodeAsync(
        string directory, int port, int nodeTimeoutMilliseconds, CancellationToken cancellationToken = default)
    {
        directory = Path.GetFullPath(directory);
        var server = new RedisServer(Executable(), directory, port, throwaway: true, modeArguments:
        [
            "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction",
            "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(directory, "nodes.conf"),
            "--cluster-node-timeout", nodeTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture),
            // A replica may take over however long ago it last heard from its primary: a test kills primaries on purpose.
            "--cluster-replica-validity-factor", "0",
        ]);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>A throwaway replica of <paramref name="primary"/> (REPLICAOF at start).</summary>
    public static async Task<RedisServer> StartReplicaAsync(
        string directory, int port, RedisServer primary, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(Executable(), Path.GetFullPath(directory), port, throwaway: true, modeArguments:
        [
            "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction",
            "--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture),
        ]);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>
    /// A throwaway Redis Sentinel that monitors the primary on <paramref name="primaryPort"/> as <paramref name="serviceName"/>:
    /// <paramref name="quorum"/> sentinels must agree it is down, after <paramref name="downAfterMilliseconds"/> without an answer.
    /// </summary>
    public static async Task<RedisServer> StartSentinelAsync(
        string directory, int port, string serviceName, int primaryPort, CancellationToken cancellationToken = default,
        int quorum = 1, int downAfterMilliseconds = 5_000, int failoverTimeoutMilliseconds = 180_000)
    {
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        // Sentinel rewrites its configuration file as it learns the topology: it must be a file of its own.
        var configuration = Path.Combine(directory, "sentinel.conf");
        await File.WriteAllTextAsync(configuration, string.Create(CultureInfo.InvariantCulture,
            $"""
            sentinel monitor {serviceName} 127.0.0.1 {primaryPort} {quorum}
            sentinel down-after-milliseconds {serviceName} {downAfterMilliseconds}
            sentinel failover-timeout {serviceName} {failoverTimeoutMilliseconds}

            """), cancellationToken);
        var server = new RedisServer(Executable(), directory, port, throwaway: true, leadingArguments: [configuration, "--sentinel"], modeArguments: []);
        await server.StartAsync(cancellationToken);
        return server;
    }

    private static string Executable() => ServerProcess.FindOnPath("redis-server") ?? throw new PrerequisiteMissingException(
        "redis-server was not found. Install it with 'sudo apt-get install -y redis-server' (or run ./scripts/test.sh, which does).");

    /// <summary>Runs one command with redis-cli against this server and returns its output.</summary>
    internal Task<string> CliAsync(IEnumerable<string> command, CancellationToken cancellationToken)
    {
        var cli = ServerProcess.FindOnPath("redis-cli") ?? throw new PrerequisiteMissingException(
            "redis-cli was not found; it comes with redis-server ('sudo apt-get install -y redis-server').");
        return ServerProcess.RunAsync(cli, ["-p", Port.ToString(CultureInfo.InvariantCulture), .. command], Directory, cancellationToken: cancellationToken);
    }

    /// <summary>Starts the server (again); a no-op while it answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Ping(Port))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        await ServerProcess.RunAsync(_executable,
        [
            .. _leadingArguments,
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", Directory,
            "--daemonize", "yes",
            "--pidfile", Path.Combine(Directory, "redis.pid"),
            "--logfile", Path.Combine(Directory, "redis.log"),
            .. _modeArguments,
        ], Directory, cancellationToken: cancellationToken);

        await WaitUntilAsync(() => Ping(Port), "answer PING", cancellationToken);
    }

    /// <summary>Freezes the server process (SIGSTOP): connections stay open but nothing answers, like a hung Redis.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => SignalAsync("STOP", cancellationToken);

    /// <summary>Lets a paused server run again (SIGCONT).</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) => SignalAsync("CONT", cancellationToken);

    /// <summary>Kills the server process (SIGKILL), as a crash would, and waits until its port is closed.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        await SignalAsync("KILL", cancellationToken);
        await WaitUntilAsync(() => !ServerProcess.IsPortOpen(Port), "stop after SIGKILL", cancellationToken);
    }

    private async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        var pid = (await File.ReadAllTextAsync(Path.Combine(Directory, "redis.pid"), cancellationToken)).Trim();
        await ServerProcess.RunAsync("kill", [$"-{signal}", pid], cancellationToken: cancellationToken);
    }

    /// <summary>Shuts the server down (its data is lost, as in a real cache outage) and waits until the port is closed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!Ping(Port))
        {
            return;
        }

        Send(Port, "SHUTDOWN NOSAVE");
        await WaitUntilAsync(() => !ServerProcess.IsPortOpen(Port), "stop", cancellationToken);
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var log = Path.Combine(Directory, "redis.log");
                throw new InvalidOperationException(
                    $"Redis on port {Port} did not {what} within 15 s. Log: {(File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "(none)")}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static bool Ping(int port) => Send(port, "PING") == "+PONG";

    private static string? Send(int port, string command)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 2_000;
            stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_throwaway)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
