using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Tests.Unit;

public sealed class ScanDeduplicatorTests
{
    private readonly ScanDeduplicator _deduplicator = new(TimeSpan.FromMilliseconds(300));

    [Fact]
    public void SameScanWithinTheWindowIsOneLookup()
    {
        Assert.True(_deduplicator.ShouldLookUp("HTL-0000001", 1_000));
        Assert.False(_deduplicator.ShouldLookUp("HTL-0000001", 1_120));
    }

    [Fact]
    public void SameScanAfterTheWindowIsAnotherLookup()
    {
        _deduplicator.ShouldLookUp("HTL-0000001", 1_000);

        Assert.True(_deduplicator.ShouldLookUp("HTL-0000001", 1_301));
    }

    [Fact]
    public void ARepeatOfARepeatExtendsTheWindow()
    {
        _deduplicator.ShouldLookUp("HTL-0000001", 1_000);
        _deduplicator.ShouldLookUp("HTL-0000001", 1_250);

        Assert.False(_deduplicator.ShouldLookUp("HTL-0000001", 1_500));
    }

    [Fact]
    public void AnotherScanIsAlwaysLookedUpHoweverSoon()
    {
        _deduplicator.ShouldLookUp("HTL-0000001", 1_000);

        Assert.True(_deduplicator.ShouldLookUp("HTL-0000002", 1_001));
        Assert.True(_deduplicator.ShouldLookUp("HTL-0000001", 1_002));
    }

    [Fact]
    public void TwoLabelsOfOneProductWithDifferentSerialsAreTwoScans()
    {
        _deduplicator.ShouldLookUp("]d2010950110153000821SERIAL1", 1_000);

        Assert.True(_deduplicator.ShouldLookUp("]d2010950110153000821SERIAL2", 1_050));
    }

    [Fact]
    public void AZeroWindowNeverDrops()
    {
        var deduplicator = new ScanDeduplicator(TimeSpan.Zero);
        deduplicator.ShouldLookUp("HTL-0000001", 1_000);

        Assert.True(deduplicator.ShouldLookUp("HTL-0000001", 1_000));
    }
}
