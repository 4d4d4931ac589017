using ProductBrowser.Catalog;
using ProductBrowser.Diagnostics;

namespace ProductBrowser.Tests.Unit;

public sealed class SessionReadsTests
{
    [Fact]
    public void KeepsTheLastReadsNewestFirst()
    {
        var session = new SessionReads();
        var reads = Enumerable.Range(0, SessionReads.Capacity + 5).Select(_ => Read()).ToList();

        foreach (var read in reads)
        {
            session.Add(read);
        }

        Assert.Equal(reads.AsEnumerable().Reverse().Take(SessionReads.Capacity), session.Recent);
    }

    [Fact]
    public void StartsEmptyAndShowsFewerReadsThanCapacityInOrder()
    {
        var session = new SessionReads();
        Assert.Empty(session.Recent);

        var first = Read();
        var second = Read();
        session.Add(first);
        session.Add(second);

        Assert.Equal([second, first], session.Recent);
    }

    private static ProductReadResult Read() => new(Guid.NewGuid(), ProductReadStatus.NotFound, null,
        new CacheReadReport(CacheOutcome.Miss, "key", 0.1, 0.2, 0.3, null));
}
