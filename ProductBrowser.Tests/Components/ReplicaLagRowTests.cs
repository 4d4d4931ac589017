using Bunit;
using ProductBrowser.Catalog.Replication;
using ProductBrowser.Components.Caching;

namespace ProductBrowser.Tests.Components;

public sealed class ReplicaLagRowTests : BunitContext
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private string Line(bool configured, ReplicaLag? lag) =>
        Render<ReplicaLagRow>(ps => ps.Add(r => r.Configured, configured).Add(r => r.Lag, lag)).Find("[data-testid=replica-lag]").TextContent.Trim();

    [Fact]
    public void WithoutAReplicaTheRowSaysSo()
    {
        Assert.Matches(@"^Replica lag\s+no replica configured", Line(false, null));
    }

    [Fact]
    public void MeasuredLagShowsSecondsAndTheWalStillToApply()
    {
        var line = Line(true, new ReplicaLag(At, TimeSpan.FromMilliseconds(300), 1_234, ReplayPaused: false));

        Assert.Matches(@"^Replica lag\s+0\.3 s \(1,234 bytes of WAL to apply\)$", line);
    }

    [Fact]
    public void PausedReplayIsNamed()
    {
        Assert.Contains("replay paused", Line(true, new ReplicaLag(At, TimeSpan.FromSeconds(4.25), 512, ReplayPaused: true)), StringComparison.Ordinal);
    }

    [Fact]
    public void ALagThatCannotBeMeasuredSaysWhy()
    {
        Assert.EndsWith("unknown: The replica did not answer.", Line(true, new ReplicaLag(At, null, null, false, "The replica did not answer.")), StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeTheFirstMeasurementTheRowSaysItIsMeasuring()
    {
        Assert.EndsWith("measuring…", Line(true, null), StringComparison.Ordinal);
    }
}
