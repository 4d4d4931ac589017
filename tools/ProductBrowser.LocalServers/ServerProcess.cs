using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ProductBrowser.LocalServers;

internal static class ServerProcess
{
    public static bool IsRoot => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Environment.UserName == "root";

    /// <summary>Runs a command to completion and returns its output; throws with the output when it fails.</summary>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory = null, string? runAsUser = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };

        if (runAsUser is null)
        {
            start.FileName = fileName;
        }
        else
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAsUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await stdout) + (await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{Path.GetFileName(fileName)} {string.Join(' ', start.ArgumentList)}' exited with {process.ExitCode}:{Environment.NewLine}{output}");
        }

        return output;
    }

    /// <summary>Asks a child process to stop with <paramref name="signal"/>, killing it (and its children) after 10 s.</summary>
    public static Task StopAsync(Process process, string signal) => StopAsync(process, signal, TimeSpan.FromSeconds(10));

    /// <summary>Asks a child process to stop with <paramref name="signal"/>, killing it (and its children) after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(Process process, string signal, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        await RunAsync("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Append("/usr/sbin").Append("/usr/bin")
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsPortOpen(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
