using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ProductBrowser.LocalServers;

/// <summary>
/// The app as a process of its own (<c>dotnet ProductBrowser.dll</c> from a build or publish folder) on a free loopback
/// port: an instance that can be killed like a crashed server, and whose memory and CPU are its own.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly StringBuilder _output = new();
    private Process _process = null!;

    private AppProcess(ProcessStartInfo start, int port)
    {
        _start = start;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    public bool HasExited => _process.HasExited;

    /// <summary>What the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until <c>/alive</c> answers; <paramref name="settings"/> become environment variables.</summary>
    public static async Task<AppProcess> StartAsync(
        string appDll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(appDll))
        {
            throw new PrerequisiteMissingException($"{appDll} was not found: build the solution first (./scripts/test.sh does).");
        }

        var port = ServerPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(start, port);
        await app.StartAgainAsync(cancellationToken);
        return app;
    }

    /// <summary>Starts the app (again, after <see cref="KillAsync"/>) on the same port; a no-op while it runs.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        _process?.Dispose();
        _process = new Process { StartInfo = _start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await WaitUntilAliveAsync(cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crash or a pulled plug: no graceful shutdown, open circuits are simply gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stopping the instance for a deployment: the host shuts down gracefully. Returns once
    /// the process has exited (killed after 30 s).
    /// </summary>
    public Task StopAsync() => ServerProcess.StopAsync(_process, "TERM", TimeSpan.FromSeconds(30));

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilAliveAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} while starting:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync("alive", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app did not answer /alive within 90 s:{Environment.NewLine}{Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM: the host stops gracefully and closes its connections to PostgreSQL and Redis.
        await ServerProcess.StopAsync(_process, "TERM");
        _process.Dispose();
    }
}
