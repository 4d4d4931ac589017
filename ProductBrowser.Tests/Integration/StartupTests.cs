using System.Diagnostics;
using ProductBrowser.LocalServers;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>The app as an operator starts it: a database it cannot reach is a message and an exit code, not a crash.</summary>
public sealed class StartupTests(TestServers servers)
{
    [Fact]
    public async Task AnUnreachableDatabaseStopsStartUpWithAMessageNotAStackTrace()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Catalog"] = $"Host=127.0.0.1;Port={ServerPorts.Free()};Database=nowhere;Username=postgres;Timeout=2",
                ["ConnectionStrings__Redis"] = servers.RedisConnectionString,
                ["Database__StartupAttempts"] = "1",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        start.ArgumentList.Add(LoadBalancedApp.AppDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{ServerPorts.Free()}");

        using var app = Process.Start(start)!;
        var output = app.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await app.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await app.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await output;

        Assert.Equal(1, app.ExitCode);
        Assert.Contains("ProductBrowser cannot start: PostgreSQL did not answer", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.Ordinal);
    }
}
