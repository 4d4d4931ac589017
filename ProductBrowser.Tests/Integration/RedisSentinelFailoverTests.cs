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

    /// <summary>
    /// The primary takes a product's tombstone and dies before its replica receives it (replication is asynchronous):
    /// the promoted replica still holds the old entry. The change feed applies the changes of the moments before the
    /// failure again, so the old entry is not served as a hit after the failover.
    /// </summary>
    [Fact]
    public async Task ATombstoneThePrimaryNeverPassedOnIsAppliedAgainOnThePromotedReplica()
    {
        await using var group = await servers.StartRedisSentinelGroupAsync("productbrowser");
        var (services, product, _) = await FailoverDrill.StartAsync(servers, group.ConnectionString);
        await using var _ = services;
        var query = services.CreateQueryService();
        var before = await query.GetProductAsync(product, Cancellation);
        Assert.Equal(CacheOutcome.Miss, before.Cache.Outcome);
        var oldName = before.Product!.Name;
        var primary = (await group.PrimaryAsync(Cancellation))!;
        await group.WaitForReplicaAsync(Cancellation);
        var key = services.Keys.Product(product);
        var cached = await EntryOnAsync(group.Replica, key);
        Assert.True(cached.HasValue, "The replica did not receive the cached entry.");

        // From now on the replica receives nothing more of what the primary writes.
        await group.CutReplicationAsync(primary, Cancellation);
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = $2 WHERE id = $1", product, FailoverDrill.NewName);
        await Eventually.TrueAsync(async () => (await query.GetProductAsync(product, Cancellation)).Product?.Name == FailoverDrill.NewName, TimeSpan.FromSeconds(15));
        // The primary took the change (read through the app's connection, signed in before the password came).
        Assert.NotEqual(cached, await services.Redis.StringGetAsync(key, StackExchange.Redis.CommandFlags.DemandMaster));
        Assert.Equal(cached, await EntryOnAsync(group.Replica, key));

        await primary.KillAsync(Cancellation);
        var killed = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => await group.PrimaryAsync(Cancellation) is { } current && current.Port == group.Replica.Port, TimeSpan.FromSeconds(60));
        var promoted = killed.Elapsed;

        // Reads go on through the failover; none after the promotion may be the old entry, and hits come back.
        var reads = new List<ProductReadResult> { await query.GetProductAsync(product, Cancellation) };
        var deadline = killed.Elapsed + TimeSpan.FromSeconds(60);
        while (!(reads[^1].Cache.Outcome == CacheOutcome.Hit && reads[^1].Product?.Name == FailoverDrill.NewName))
        {
            Assert.True(killed.Elapsed < deadline,
                $"{reads.Count} reads after the promotion; the last was a {reads[^1].Cache.Outcome} named '{reads[^1].Product?.Name}'.");
            await Task.Delay(20, Cancellation);
            reads.Add(await query.GetProductAsync(product, Cancellation));
        }

        output.WriteLine($"Primary killed with a tombstone unreplicated: promoted after {promoted.TotalSeconds:0.0} s, hits with the new name after {killed.Elapsed.TotalSeconds:0.0} s, {reads.Count} reads");
        Assert.DoesNotContain(reads, read => read.Product?.Name == oldName);
        Assert.NotEqual(cached, await EntryOnAsync(group.Replica, key));
    }

    /// <summary>What <paramref name="server"/> itself holds at <paramref name="key"/> (a replica answers reads too).</summary>
    private static async Task<StackExchange.Redis.RedisValue> EntryOnAsync(ProductBrowser.LocalServers.RedisServer server, StackExchange.Redis.RedisKey key)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},allowAdmin=true");
        return await connection.GetDatabase().StringGetAsync(key, StackExchange.Redis.CommandFlags.PreferReplica);
    }
}
