using ProductBrowser.Catalog;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// The cache behind three sentinels, a primary and its replica: the primary killed under read load, the client follows
/// the sentinels to the promoted replica.
/// </summary>
[Collection(RedisFailoverCollection.Name)]
public sealed class RedisSentinelFailoverTests(TestServers servers, ITestOutputHelper output)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillingThePrimaryUnderReadLoadFailsNoReadAndLosesNoInvalidation()
    {
        await using var group = await servers.StartRedisSentinelGroupAsync("productbrowser");
        var (services, product, ids) = await FailoverDrill.StartAsync(servers, group.ConnectionString);
        await using var _ = services;
        foreach (var id in ids)
        {
            Assert.Equal(CacheOutcome.Miss, (await services.CreateQueryService().GetProductAsync(id, Cancellation)).Cache.Outcome);
        }

        var primary = (await group.PrimaryAsync(Cancellation))!;
        // The replica must hold the cached entries, the old name included: that copy is what a lost tombstone would leave.
        await group.WaitForReplicaAsync(Cancellation);

        var run = await FailoverDrill.RunAsync(services, servers.CatalogConnectionString, product, ids, _ => true,
            () => primary.KillAsync(Cancellation),
            async () => await group.PrimaryAsync(Cancellation) is { } current && current.Port != primary.Port);
        output.WriteLine($"Sentinel (3 sentinels, quorum 2), primary on port {primary.Port} killed: {run.Figures}");
        TestContext.Current.SendDiagnosticMessage($"Sentinel failover: {run.Figures}");

        Assert.DoesNotContain(run.Samples, read => read.Failed);
        Assert.All(run.Samples.Where(read => read.Id == product && read.Started > run.WrittenAt), read => Assert.Equal(FailoverDrill.NewName, read.Name));
    }
}
