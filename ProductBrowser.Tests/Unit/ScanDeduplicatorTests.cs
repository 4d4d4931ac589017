using Microsoft.Extensions.Time.Testing;
using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Tests.Unit;

public sealed class ScanDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void SameCodeWithinTheWindowIsOneLookup()
    {
        var deduplicator = new ScanDeduplicator(_time, TimeSpan.FromMilliseconds(300));

        var first = deduplicator.ShouldLookUp("HTL-0000001");
        _time.Advance(TimeSpan.FromMilliseconds(120));
        var second = deduplicator.ShouldLookUp("HTL-0000001");

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public void SameCodeAfterTheWindowIsAnotherLookup()
    {
        var deduplicator = new ScanDeduplicator(_time, TimeSpan.FromMilliseconds(300));

        deduplicator.ShouldLookUp("HTL-0000001");
        _time.Advance(TimeSpan.FromMilliseconds(301));

        Assert.True(deduplicator.ShouldLookUp("HTL-0000001"));
    }

    [Fact]
    public void AnotherCodeIsAlwaysLookedUp()
    {
        var deduplicator = new ScanDeduplicator(_time, TimeSpan.FromMilliseconds(300));

        deduplicator.ShouldLookUp("HTL-0000001");

        Assert.True(deduplicator.ShouldLookUp("HTL-0000002"));
    }
}
