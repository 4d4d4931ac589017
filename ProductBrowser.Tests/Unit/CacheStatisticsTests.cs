using Microsoft.Extensions.Options;
using ProductBrowser.Catalog;
using ProductBrowser.Diagnostics;
using ProductBrowser.ScaleOut;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Unit;

public sealed class CacheStatisticsTests
{
    [Fact]
    public void TheDashboardNamesTheInstanceAsTheLoadBalancerSeesIt()
    {
        using var meters = new TestMeterFactory();
        var metrics = new CatalogMetrics(meters);
        using var named = new CacheStatistics(metrics, TimeProvider.System, Options.Create(new InstanceOptions { Name = "app2" }));
        using var unnamed = new CacheStatistics(metrics, TimeProvider.System, Options.Create(new InstanceOptions()));

        Assert.StartsWith("app2 (", named.Instance, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", named.Instance, StringComparison.Ordinal);
        Assert.StartsWith(Environment.MachineName, unnamed.Instance, StringComparison.Ordinal);
    }
}
