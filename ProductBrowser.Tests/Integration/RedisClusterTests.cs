using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductBrowser.Admin;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.LocalServers;
using ProductBrowser.ScaleOut;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// The cache on a Redis Cluster of three primaries, each with a replica: every part of the read path across hash slots,
/// and a primary killed under read load.
/// </summary>
[Collection(RedisFailoverCollection.Name)]
public sealed class RedisClusterTests(TestServers servers, ITestOutputHelper output)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadPathWorksAcrossTheSlotsOfThreePrimaries()
    {
        await using var cluster = await servers.StartRedisClusterWithReplicasAsync();
        var (services, product, ids) = await FailoverDrill.StartAsync(servers, cluster.ConnectionString);
        await using var _ = services;

        var misses = await ReadAllAsync(services, ids);
        var hits = await ReadAllAsync(services, ids);
        var primaries = await Task.WhenAll(ids.Select(async id => (await cluster.PrimaryOfAsync(await cluster.SlotOfAsync(services.Keys.Product(id)!, Cancellation), Cancellation))!.Port));
        var lookups = services.Services.CreateScope().ServiceProvider.GetRequiredService<ISkuLookupService>();
        var codeMiss = await lookups.LookupAsync(misses[0].Product!.Sku, Cancellation);
        var codeHit = await lookups.LookupAsync(misses[0].Product!.Sku, Cancellation);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "UPDATE products SET name = 'Renamed on the cluster' WHERE id = $1", product);
        await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(services.Keys.Product(product)) is { Tombstone: true }, TimeSpan.FromSeconds(10));
        var afterChange = await ReadAllAsync(services, [product, product]);
        var filled = await services.Redis.VersionAsync(services.Keys.Product(product));

        var admin = services.Get<CacheAdministration>();
        await admin.EvictAsync(ids[0], "tester", Cancellation);
        var evicted = (await services.Redis.KeyExistsAsync(services.Keys.Product(ids[0])), await services.Redis.KeyExistsAsync(services.Keys.Code(misses[0].Product!.Sku)));

        var ringKey = ScaleOutExtensions.DataProtectionKey(services.Get<IOptions<CacheOptions>>().Value);
        // Kept open to the end: a write that timed out on the loaded machine is held by it and written back within seconds.
        using var ring = new SharedKeyRingRepository(services.Get<RedisGateway>(), ringKey, TimeProvider.System, NullLogger<SharedKeyRingRepository>.Instance);
        ring.StoreElement(new XElement("key", new XAttribute("id", "cluster-key")), "cluster-key");

        var flushed = await admin.FlushAsync("tester", Cancellation);
        var left = await Task.WhenAll(ids.Select(id => services.Redis.KeyExistsAsync(services.Keys.Product(id))));
        using var reread = new SharedKeyRingRepository(services.Get<RedisGateway>(), ringKey, TimeProvider.System, NullLogger<SharedKeyRingRepository>.Instance);

        Assert.Equal(3, primaries.Distinct().Count());
        Assert.All(misses, read => Assert.Equal(CacheOutcome.Miss, read.Cache.Outcome));
        Assert.All(hits, read => Assert.Equal(CacheOutcome.Hit, read.Cache.Outcome));
        Assert.Equal((CacheOutcome.Miss, CacheOutcome.Hit), (codeMiss.CodeStep!.Outcome, codeHit.CodeStep!.Outcome));
        Assert.Equal(["Renamed on the cluster", "Renamed on the cluster"], afterChange.Select(read => read.Product!.Name));
        Assert.Equal([CacheOutcome.Miss, CacheOutcome.Hit], afterChange.Select(read => read.Cache.Outcome));
        Assert.Equal((afterChange[0].Product!.Revision, false), filled);
        Assert.Equal((false, false), evicted);
        // At least every product entry but the evicted one (and the change feed's cursor, and whatever the change left).
        Assert.True(flushed >= ids.Length - 1, $"Flushed {flushed} keys.");
        Assert.DoesNotContain(true, left);
        // Another instance's view of the shared ring, which the flush left alone (a read that times out returns what it
        // read last, so it is asked again until the deadline).
        await Eventually.TrueAsync(() => reread.GetAllElements().Any(key => key.Attribute("id")?.Value == "cluster-key"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task KillingAPrimaryUnderReadLoadFailsNoReadAndLosesNoInvalidation()
    {
        await using var cluster = await servers.StartRedisClusterWithReplicasAsync();
        var (services, product, ids) = await FailoverDrill.StartAsync(servers, cluster.ConnectionString);
        await using var _ = services;
        await ReadAllAsync(services, ids);
        var slots = new Dictionary<Guid, int>();
        foreach (var id in ids)
        {
            slots[id] = await cluster.SlotOfAsync(services.Keys.Product(id)!, Cancellation);
        }

        var doomed = (await cluster.PrimaryOfAsync(slots[product], Cancellation))!;
        var owners = new Dictionary<Guid, int>();
        foreach (var id in ids)
        {
            owners[id] = (await cluster.PrimaryOfAsync(slots[id], Cancellation))!.Port;
        }

        // The replica must hold the cached entries, the old name included: that copy is what a lost tombstone would leave.
        await cluster.WaitForReplicasAsync(Cancellation);

        var run = await FailoverDrill.RunAsync(services, servers.CatalogConnectionString, product, ids,
            id => owners[id] == doomed.Port,
            () => doomed.KillAsync(Cancellation),
            async () => await cluster.PrimaryOfAsync(slots[product], Cancellation) is { } primary && primary.Port != doomed.Port);
        output.WriteLine($"Redis Cluster, 3 primaries + 3 replicas, primary on port {doomed.Port} killed: {run.Figures}");
        TestContext.Current.SendDiagnosticMessage($"Redis Cluster failover: {run.Figures}");
        // The promoted replica is a primary to the admin's flush too: it SCANs every primary there is now.
        await services.Get<CacheAdministration>().FlushAsync("tester", Cancellation);
        var left = await Task.WhenAll(ids.Select(id => services.Redis.KeyExistsAsync(services.Keys.Product(id))));

        Assert.DoesNotContain(run.Samples, read => read.Failed);
        Assert.All(run.Samples.Where(read => read.Id == product && read.Started > run.WrittenAt), read => Assert.Equal(FailoverDrill.NewName, read.Name));
        Assert.Contains(run.Samples, read => owners[read.Id] != doomed.Port && read.Started > run.WrittenAt && read.Outcome == CacheOutcome.Hit);
        Assert.DoesNotContain(true, left);
    }

    private static async Task<List<ProductReadResult>> ReadAllAsync(CatalogServices services, IEnumerable<Guid> ids)
    {
        var reads = new List<ProductReadResult>();
        foreach (var id in ids)
        {
            reads.Add(await services.CreateQueryService().GetProductAsync(id, Cancellation));
        }

        return reads;
    }
}
