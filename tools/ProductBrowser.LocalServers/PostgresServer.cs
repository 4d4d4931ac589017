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
    private readonly IReadOnlyList<string> _settings;
    private bool _stopped;

    private PostgresServer(string binDirectory, string dataDirectory, int port, bool throwaway, IReadOnlyList<string>? settings = null)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _throwaway = throwaway;
        _settings = settings ?? [];
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
        var server = new PostgresServer(BinDirectory(), Path.GetFullPath(dataDirectory), port, throwaway);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>
    /// Starts a server that streaming replicas can follow (<see cref="StartStandbyAsync"/>): WAL detailed enough for a
    /// hot standby, WAL senders for base backups and streaming, and the <c>replication</c> pseudo-database open to the
    /// service account on loopback (trust, like every connection to these servers).
    /// </summary>
    public static async Task<PostgresServer> StartReplicationPrimaryAsync(
        string dataDirectory, int port, bool throwaway, CancellationToken cancellationToken = default)
    {
        var server = new PostgresServer(BinDirectory(), Path.GetFullPath(dataDirectory), port, throwaway,
            ["-c wal_level=replica", "-c max_wal_senders=4"]);
        await server.InitializeAsync(cancellationToken);
        var hba = Path.Combine(server.DataDirectory, "pg_hba.conf");
        var lines = await File.ReadAllLinesAsync(hba, cancellationToken);
        if (!lines.Any(IsLoopbackReplicationLine))
        {
            // initdb writes this line itself; a cluster made otherwise gets it here.
            await File.AppendAllTextAsync(hba, $"host    replication     {ServiceUser}        127.0.0.1/32            trust\n", cancellationToken);
        }

        await server.StartAsync(cancellationToken);
        return server;

        static bool IsLoopbackReplicationLine(string line) =>
            line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is ["host", "replication", "all" or ServiceUser, "127.0.0.1/32", ..];
    }

    /// <summary>
    /// A hot standby of this server on <paramref name="port"/>: <c>pg_basebackup -R</c> into an empty
    /// <paramref name="dataDirectory"/> (which writes <c>standby.signal</c> and <c>primary_conninfo</c>), then started. It
    /// streams this server's WAL and answers read-only queries. This server must have been started with
    /// <see cref="StartReplicationPrimaryAsync"/>.
    /// </summary>
    public async Task<PostgresServer> StartStandbyAsync(string dataDirectory, int port, CancellationToken cancellationToken = default)
    {
        var standby = new PostgresServer(_binDirectory, Path.GetFullPath(dataDirectory), port, _throwaway, ["-c hot_standby=on"]);
        if (!File.Exists(Path.Combine(standby.DataDirectory, "PG_VERSION")))
        {
            // PostgreSQL wants its data folder private (0700) and its own.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(standby.DataDirectory);
            }
            else
            {
                Directory.CreateDirectory(standby.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (ServerProcess.IsRoot)
            {
                await ServerProcess.RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", standby.DataDirectory], cancellationToken: cancellationToken);
            }

            await RunToolAsync("pg_basebackup",
            [
                "-D", standby.DataDirectory, "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", ServiceUser,
                "-R", "-X", "stream", "-c", "fast", .. _throwaway ? (string[])["--no-sync"] : [],
            ], cancellationToken);
        }

        await standby.StartAsync(cancellationToken);
        return standby;
    }

    /// <summary>Runs one SQL statement with <c>psql</c> and returns its unaligned output (no headers), trimmed.</summary>
    public async Task<string> QueryAsync(string sql, string database = "postgres", CancellationToken cancellationToken = default) =>
        (await RunToolAsync("psql",
        [
            "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", ServiceUser, "-d", database,
            "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql,
        ], cancellationToken)).Trim();

    /// <summary>
    /// On a standby: stops applying WAL (it is still received), so the standby lags its primary by every write from now
    /// on. Returns once PostgreSQL reports replay paused (<c>pg_get_wal_replay_pause_state()</c>): nothing written after
    /// that is applied until <see cref="ResumeReplayAsync"/>.
    /// </summary>
    public async Task PauseReplayAsync(CancellationToken cancellationToken = default)
    {
        await QueryAsync("SELECT pg_wal_replay_pause()", cancellationToken: cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await QueryAsync("SELECT pg_get_wal_replay_pause_state()", cancellationToken: cancellationToken) != "paused")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Replay on the standby on port {Port} did not pause within 15 s.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>On a standby: applies the WAL received meanwhile and follows the primary again.</summary>
    public Task ResumeReplayAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT pg_wal_replay_resume()", cancellationToken: cancellationToken);

    /// <summary>
    /// This primary's WAL insert position (<c>pg_current_wal_insert_lsn()</c>), as PostgreSQL prints it: everything
    /// committed so far. The write position can trail it here (the throwaway servers run with synchronous_commit off).
    /// </summary>
    public Task<string> WalPositionAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT pg_current_wal_insert_lsn()", cancellationToken: cancellationToken);

    /// <summary>On a standby: waits until it has received (<paramref name="replayed"/>: and applied) WAL up to <paramref name="position"/>.</summary>
    public async Task WaitForWalAsync(string position, bool replayed, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var function = replayed ? "pg_last_wal_replay_lsn()" : "pg_last_wal_receive_lsn()";
        var deadline = DateTime.UtcNow + timeout;
        while (await QueryAsync($"SELECT coalesce({function} >= '{position}'::pg_lsn, false)", cancellationToken: cancellationToken) != "t")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The standby on port {Port} had not {(replayed ? "applied" : "received")} WAL up to {position} within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
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
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
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
        settings.AddRange(_settings);
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

    private static string BinDirectory() => FindBinDirectory() ?? throw new PrerequisiteMissingException(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with " +
        "'sudo apt-get install -y postgresql' (or run ./scripts/test.sh, which does), or set PG_BIN to their folder.");

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
