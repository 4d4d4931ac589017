using System.Globalization;
using ProductBrowser.Catalog;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// A Redis primary killed under read load, and a catalog write made while it is down: what the readers saw. The load
/// runs until the cache serves hits again on the keys the killed primary held and the written product has been served
/// from the cache again (so a stale copy left on the promoted replica would have been seen).
/// </summary>
public static class FailoverDrill
{
    public const string NewName = "Renamed during the failover";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The app's services on <paramref name="redis"/> with the change feed running and caught up, a product of the
    /// test's own to change, and the products to read: thirty demo products and that one.
    /// </summary>
    public static async Task<(CatalogServices Services, Guid Changed, Guid[] Ids)> StartAsync(TestServers servers, string redis)
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var services = await ChangeFeedServices.StartAsync(servers.CatalogConnectionString, redis);
        return (services, product.Id, [.. Enumerable.Range(1, 30).Select(n => DemoCatalogGenerator.IdFor(n)), product.Id]);
    }

    /// <param name="services">The app's services with the change feed running, every id read once (cached).</param>
    /// <param name="changed">A product of the test's own, its entry on the primary to be killed; renamed after the kill.</param>
    /// <param name="affected">The products whose entries the killed primary held.</param>
    /// <param name="kill">Kills the primary.</param>
    /// <param name="promoted">True once the servers name another primary for the killed one's keys.</param>
    public static async Task<FailoverRun> RunAsync(
        CatalogServices services, string catalog, Guid changed, IReadOnlyList<Guid> ids, Func<Guid, bool> affected,
        Func<Task> kill, Func<Task<bool>> promoted)
    {
        await using var load = new ReadLoad(services, ids);
        // A baseline of a few hundred reads, all hits, to compare the failover's latency with.
        await Eventually.TrueAsync(() => load.Count >= 400, Deadline);

        var killedAt = load.Now;
        await kill();
        await CatalogDatabase.ExecuteAsync(catalog, "UPDATE products SET name = $2 WHERE id = $1", changed, NewName);
        var writtenAt = load.Now;
        await Eventually.TrueAsync(promoted, Deadline);
        var promotedAt = load.Now;

        await Eventually.TrueAsync(() => load.Samples.Any(s => s.Started > promotedAt && affected(s.Id) && s.Outcome == CacheOutcome.Hit), Deadline);
        await Eventually.TrueAsync(() => load.Samples.Any(s => s.Id == changed && s.Started > promotedAt && s.Outcome == CacheOutcome.Hit), Deadline);
        var samples = await load.StopAsync();

        // Reads already under way when the primary died may still have been hits: the outage starts at the first read of
        // the killed primary's keys that was not, and ends at the next one that was.
        var outage = samples.Where(s => s.Started > killedAt && affected(s.Id) && s.Outcome != CacheOutcome.Hit).Select(s => s.Started).DefaultIfEmpty(killedAt).Min();
        var firstHit = samples.Where(s => s.Started >= outage && affected(s.Id) && s.Outcome == CacheOutcome.Hit).Min(s => s.Started);
        var baseline = samples.Where(s => s.Started < killedAt).ToList();
        var failover = samples.Where(s => s.Started >= killedAt && s.Started <= firstHit).ToList();
        return new FailoverRun(samples, writtenAt, new FailoverFigures(
            samples.Count,
            samples.Count(s => s.Failed),
            failover.Count,
            failover.Count(s => s.Outcome != CacheOutcome.Hit),
            P99(baseline),
            P99(failover),
            writtenAt - killedAt,
            promotedAt - killedAt,
            firstHit - killedAt));
    }

    private static double P99(IReadOnlyList<ReadSample> samples) => samples.Count == 0
        ? 0
        : samples.Select(s => s.Milliseconds).Order().ElementAt((int)Math.Ceiling(samples.Count * 0.99) - 1);
}

public sealed record FailoverRun(IReadOnlyList<ReadSample> Samples, TimeSpan WrittenAt, FailoverFigures Figures);

/// <summary>What a failover cost the readers (times from the kill).</summary>
public sealed record FailoverFigures(
    int Reads, int FailedReads, int ReadsDuringFailover, int ServedFromPostgresDuringFailover, double BaselineP99Milliseconds,
    double FailoverP99Milliseconds, TimeSpan WrittenAfter, TimeSpan PromotedAfter, TimeSpan HitsResumedAfter)
{
    public double AddedP99Milliseconds => FailoverP99Milliseconds - BaselineP99Milliseconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"reads {Reads}, failed {FailedReads}; during the failover {ReadsDuringFailover} reads, {ServedFromPostgresDuringFailover} not from Redis; " +
        $"p99 {BaselineP99Milliseconds:0.0} ms before, {FailoverP99Milliseconds:0.0} ms during (added {AddedP99Milliseconds:0.0} ms); " +
        $"write committed {WrittenAfter.TotalSeconds:0.00} s, replica promoted {PromotedAfter.TotalSeconds:0.00} s, " +
        $"hits again {HitsResumedAfter.TotalSeconds:0.00} s after the kill");
}
