using System.Diagnostics;

namespace ProductBrowser.Tests.Unit;

public sealed class DeploymentFilesTests
{
    [Fact]
    public Task DockerComposeFileIsValid() => ComposeConfigIsValidAsync();

    [Fact]
    public Task ScaleOutProfileIsValid() => ComposeConfigIsValidAsync("--profile", "scale-out");

    [Fact]
    public void ScaleOutProfileRunsTwoNamedInstancesBehindTheRepositoryNginxSite()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.yml"));

        Assert.Contains("Instance__Name: \"app1\"", ServiceBlock(text, "app1"), StringComparison.Ordinal);
        Assert.Contains("Instance__Name: \"app2\"", ServiceBlock(text, "app2"), StringComparison.Ordinal);
        Assert.Contains("./deploy/nginx/productbrowser.conf:/etc/nginx/conf.d/default.conf", ServiceBlock(text, "nginx"), StringComparison.Ordinal);
        // Data-protection keys have no TTL: only entries with one may be evicted.
        Assert.Contains("volatile-lru", ServiceBlock(text, "redis"), StringComparison.Ordinal);
    }

    private static async Task ComposeConfigIsValidAsync(params string[] options)
    {
        var compose = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "docker-compose is needed to validate docker-compose.yml (no engine required): " +
                "'sudo apt-get install -y docker-compose', or run ./scripts/test.sh, which installs it.");
        var start = new ProcessStartInfo(compose, ["-f", Path.Combine(RepositoryRoot(), "docker-compose.yml"), .. options, "config", "-q"])
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
        var app = ServiceBlock(text, "app");

        Assert.Equal(2, app.Split("condition: service_healthy").Length - 1);
        Assert.Contains("ConnectionStrings__Catalog:", text, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Redis:", text, StringComparison.Ordinal);
    }

    /// <summary>The lines of one service in the compose file, up to the next top-level key of the services map.</summary>
    private static string ServiceBlock(string compose, string service)
    {
        var lines = compose.Split('\n');
        var start = Array.IndexOf(lines, $"  {service}:");
        Assert.True(start >= 0, $"No service '{service}' in docker-compose.yml.");
        var block = lines.Skip(start + 1).TakeWhile(line => line.Length == 0 || line.StartsWith("    ", StringComparison.Ordinal) || line.TrimStart().StartsWith('#'));
        return string.Join('\n', block);
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
