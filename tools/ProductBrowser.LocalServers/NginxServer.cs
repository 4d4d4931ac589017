using System.Diagnostics;
using System.Globalization;

namespace ProductBrowser.LocalServers;

/// <summary>
/// A throwaway nginx in a folder of its own: its own main configuration, pid, logs and temp paths (nothing under
/// /etc, /var or /run), in the foreground as a child process, serving one site configuration (an http-context file
/// such as <c>deploy/nginx/productbrowser.conf</c>).
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;

    private NginxServer(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    public string Directory { get; }

    public string ErrorLog => Path.Combine(Directory, "error.log");

    /// <summary>Writes the configuration into <paramref name="directory"/>, checks it with <c>nginx -t</c>, starts nginx and waits for <paramref name="port"/>.</summary>
    public static async Task<NginxServer> StartAsync(
        string directory, string siteConfiguration, int port, CancellationToken cancellationToken = default)
    {
        var main = await WriteConfigurationAsync(directory, siteConfiguration, cancellationToken);
        var executable = Executable();
        await ServerProcess.RunAsync(executable, ["-t", "-p", directory, "-c", main], directory, cancellationToken: cancellationToken);

        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "-p", directory, "-c", main })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        var server = new NginxServer(process, directory);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!ServerProcess.IsPortOpen(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(server.ErrorLog) ? await File.ReadAllTextAsync(server.ErrorLog, cancellationToken) : "(no log)";
                await server.DisposeAsync();
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"nginx did not listen on port {port}: {log}"));
            }

            await Task.Delay(50, cancellationToken);
        }

        return server;
    }

    /// <summary>Checks a site configuration with <c>nginx -t</c> in a throwaway folder; throws with nginx's message when it is invalid.</summary>
    public static async Task<string> TestConfigurationAsync(string directory, string siteConfiguration, CancellationToken cancellationToken = default)
    {
        var main = await WriteConfigurationAsync(directory, siteConfiguration, cancellationToken);
        return await ServerProcess.RunAsync(Executable(), ["-t", "-p", directory, "-c", main], directory, cancellationToken: cancellationToken);
    }

    private static string Executable() => ServerProcess.FindOnPath("nginx") ?? throw new PrerequisiteMissingException(
        "nginx was not found. Install it with 'sudo apt-get install -y nginx' (or run ./scripts/test.sh, which does).");

    private static async Task<string> WriteConfigurationAsync(string directory, string siteConfiguration, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var site = Path.Combine(directory, "site.conf");
        await File.WriteAllTextAsync(site, siteConfiguration, cancellationToken);
        var main = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            daemon off;
            worker_processes 1;
            pid {{Path.Combine(directory, "nginx.pid")}};
            error_log {{Path.Combine(directory, "error.log")}} notice;
            events { worker_connections 1024; }
            http {
                access_log {{Path.Combine(directory, "access.log")}};
                client_body_temp_path {{Path.Combine(directory, "client_body")}};
                proxy_temp_path {{Path.Combine(directory, "proxy")}};
                fastcgi_temp_path {{Path.Combine(directory, "fastcgi")}};
                uwsgi_temp_path {{Path.Combine(directory, "uwsgi")}};
                scgi_temp_path {{Path.Combine(directory, "scgi")}};
                include {{site}};
            }
            """, cancellationToken);
        return main;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGQUIT: the master stops its workers and exits.
        await ServerProcess.StopAsync(_process, "QUIT");
        _process.Dispose();
    }
}
