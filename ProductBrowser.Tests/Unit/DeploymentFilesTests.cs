using System.Diagnostics;

namespace ProductBrowser.Tests.Unit;

public sealed class DeploymentFilesTests
{
    [Fact]
    public async Task DockerComposeFileIsValid()
    {
        var compose = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "docker-compose is needed to validate docker-compose.yml (no engine required): " +
                "'sudo apt-get install -y docker-compose', or run ./scripts/test.sh, which installs it.");
        var start = new ProcessStartInfo(compose, ["-f", Path.Combine(RepositoryRoot(), "docker-compose.yml"), "config", "-q"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void ComposeWiresTheAppToHealthyServersThroughEnvironmentVariables()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.yml"));

        Assert.Equal(2, text.Split("condition: service_healthy").Length - 1);
        Assert.Contains("ConnectionStrings__Catalog:", text, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Redis:", text, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProductBrowser.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ProductBrowser.sln not found above " + AppContext.BaseDirectory);
    }
}
