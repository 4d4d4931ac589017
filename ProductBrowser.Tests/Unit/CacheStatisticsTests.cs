using Microsoft.Extensions.Options;
using ProductBrowser.Diagnostics;
using ProductBrowser.ScaleOut;

namespace ProductBrowser.Tests.Unit;

public sealed class CacheStatisticsTests
{
    [Fact]
    public void TheDashboardNamesTheInstanceAsTheLoadBalancerSeesIt()
    {
        var named = new CacheStatistics(TimeProvider.System, Options.Create(new InstanceOptions { Name = "app2" }));
        var unnamed = new CacheStatistics(TimeProvider.System, Options.Create(new InstanceOptions()));

        Assert.StartsWith("app2 (", named.Instance, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", named.Instance, StringComparison.Ordinal);
        Assert.StartsWith(Environment.MachineName, unnamed.Instance, StringComparison.Ordinal);
    }
}
