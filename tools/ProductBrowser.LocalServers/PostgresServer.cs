using System.Globalization;

namespace ProductBrowser.LocalServers;

/// <summary>
/// A PostgreSQL server of the project's own, from the machine's server binaries, listening on 127.0.0.1 only.
/// Throwaway servers (tests) trade durability for speed and delete their folder when disposed.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string _binDirectory;
    private readonly bool _throwaway;
    private bool _stopped;

    private PostgresServer(string binDirectory, string dataDirectory, int port, bool throwaway)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _throwaway = throwaway;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture,
            $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database={database};Include Error Detail=true");

    /// <summary>Starts (creating the cluster when the folder is empty) or reuses a server already running on that folder.</summary>
    public static async Task<PostgresServer> StartAsync(
        string dataDirectory, int port, bool throwaway, CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory() ?? throw new PrerequisiteMissingException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with " +
            "'sudo apt-get install -y postgresql' (or run ./scripts/test.sh, which does), or set PG_BIN to their folder.");

        var server = new PostgresServer(bin, Path.GetFullPath(dataDirectory), port, throwaway);
        await server.StartAsync(cancellationToken);
        return server;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        if (ServerProcess.IsRoot)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres service account.
            await ServerProcess.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", DataDirectory], cancellationToken: cancellationToken);
        }

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await RunToolAsync("initdb",
                ["-D", DataDirectory, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
                cancellationToken);
        }

        if (await IsRunningAsync(cancellationToken))
        {
            return;
        }

        var settings = new List<string>
        {
            $"-p {Port}",
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=''",
            "-c max_connections=200",
            "-c shared_buffers=256MB",
        };
        if (_throwaway)
        {
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        }

        var log = Path.Combine(DataDirectory, "server.log");
        try
        {
            await RunToolAsync("pg_ctl",
                ["-D", DataDirectory, "-w", "-t", "60", "-l", log, "-o", string.Join(' ', settings), "start"], cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            var tail = File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(8)) : "(no log)";
            throw new InvalidOperationException(
                $"PostgreSQL did not start on port {Port} (is the port taken by another server?).{Environment.NewLine}" +
                $"{ex.Message}{Environment.NewLine}Last lines of {log}:{Environment.NewLine}{tail}", ex);
        }
    }

    /// <summary>Starts a stopped server again on the same folder and port (outage tests).</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        _stopped = false;
        await StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopped && await IsRunningAsync(cancellationToken))
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        }

        _stopped = true;
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "status"], cancellationToken);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private Task<string> RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ServerProcess.RunAsync(Path.Combine(_binDirectory, tool), arguments, Path.GetTempPath(),
            ServerProcess.IsRoot ? ServiceUser : null, cancellationToken);

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "bin", "initdb")))
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Dir, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return ServerProcess.FindOnPath("initdb") is { } initdb ? Path.GetDirectoryName(initdb) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_throwaway)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
