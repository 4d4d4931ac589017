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
        var (exitCode, errors) = await StartAsync(new()
        {
            ["ConnectionStrings__Catalog"] = $"Host=127.0.0.1;Port={ServerPorts.Free()};Database=nowhere;Username=postgres;Timeout=2",
            ["Database__StartupAttempts"] = "1",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("ProductBrowser cannot start: PostgreSQL did not answer", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.Ordinal);
    }

    /// <summary>
    /// Settings of every feature, including ones read while the pipeline is built (the instance name) and ones bound from
    /// text that is not a value of their type: each stops start-up with the setting's name, before anything runs.
    /// </summary>
    [Theory]
    [InlineData("Instance__Name", "not a name!", "Instance:Name")]
    [InlineData("Cache__BreakerFailures", "0", "Cache:BreakerFailures")]
    [InlineData("Telemetry__PrometheusPort", "70000", "Telemetry:PrometheusPort")]
    [InlineData("Cache__ProductTtl", "an hour", "Cache:ProductTtl")]
    [InlineData("Scanning__DuplicateWindow", "-00:00:01", "Scanning:DuplicateWindow")]
    public async Task AnInvalidSettingStopsStartUpWithItsNameNotAStackTrace(string variable, string value, string setting)
    {
        var (exitCode, errors) = await StartAsync(new() { [variable] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains("ProductBrowser cannot start", errors, StringComparison.Ordinal);
        Assert.Contains(setting, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Errors)> StartAsync(Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Catalog"] = servers.CatalogConnectionString,
                ["ConnectionStrings__Redis"] = servers.RedisConnectionString,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add(LoadBalancedApp.AppDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{ServerPorts.Free()}");

        using var app = Process.Start(start)!;
        var output = app.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await app.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await app.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await output;
        return (app.ExitCode, errors);
    }
}
