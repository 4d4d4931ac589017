using ProductBrowser.LocalServers;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Unit;

/// <summary>The load balancer's site configuration (deploy/nginx) as nginx itself reads it.</summary>
public sealed class NginxConfigurationTests
{
    [Fact]
    public async Task SiteConfigurationPassesNginxCheck()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"productbrowser-nginx-{Guid.NewGuid():N}");
        try
        {
            var output = await NginxServer.TestConfigurationAsync(directory, LoadBalancedApp.SiteConfiguration(ServerPorts.Free(), 1, 2),
                TestContext.Current.CancellationToken);

            Assert.Contains("test is successful", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
