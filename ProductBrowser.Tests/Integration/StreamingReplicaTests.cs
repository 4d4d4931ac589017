using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Catalog.List;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Catalog.Replication;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// <c>ConnectionStrings:CatalogReplica</c> against a real hot standby streaming from the primary (the project's own
/// servers). Pausing replay on the standby holds it behind the primary for as long as a test needs: a write is then on
/// the primary, received by the standby and not applied, so where each read and write went shows in what it sees.
/// Timings are reported in the test output, never asserted.
/// </summary>
public sealed class StreamingReplicaTests(StreamingReplica replica, TestServers servers) : IClassFixture<StreamingReplica>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await replica.ResetAsync();

    public async ValueTask DisposeAsync() => await replica.Servers.ResumeReplayAsync();

    private Dictionary<string, string?> Settings(string? prefix = null, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:CatalogReplica"] = replica.Replica };
        if (prefix is not null)
        {
            settings["Cache:KeyPrefix"] = prefix;
        }

        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static T Scoped<T>(CatalogServices services)
        where T : notnull => services.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private Task<string> PrimaryNameAsync(Guid id) => CatalogDatabase.ScalarAsync<string>(replica.Primary, "SELECT name FROM products WHERE id = $1", id);

    private Task<string> StandbyNameAsync(Guid id) => CatalogDatabase.ScalarAsync<string>(replica.Replica, "SELECT name FROM products WHERE id = $1", id);

    private Task<long> PrimaryVersionAsync(Guid id) => CatalogDatabase.ScalarAsync<long>(replica.Primary,
        "SELECT GREATEST(p.revision, c.revision) FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = $1", id);

    /// <summary>Pauses replay and waits until the standby has at least received what the primary wrote so far.</summary>
    private async Task PauseReplayAsync()
    {
        await replica.Servers.PauseReplayAsync(Cancellation);
        await replica.Servers.WaitUntilReceivedAsync(Bound, Cancellation);
    }

    [Fact]
    public async Task CatalogReadsComeFromTheStandbyAndSeeAWriteOnceItIsReplayed()
    {
        var id = DemoCatalogGenerator.IdFor(3);
        await using var services = CatalogServices.Create(replica.Primary, servers.RedisConnectionString, Settings());
        await PauseReplayAsync();

        await CatalogDatabase.ExecuteAsync(replica.Primary, "UPDATE products SET name = 'Searchable on the primary' WHERE id = $1", id);
        await replica.Servers.WaitUntilReceivedAsync(Bound, Cancellation);
        var whileLagging = await Scoped<IProductListService>(services).GetPageAsync(new ProductListQuery(Search: "Searchable on the primary"), Cancellation);
        await replica.Servers.ResumeReplayAsync(Cancellation);
        await replica.Servers.WaitUntilReplayedAsync(Bound, Cancellation);
        var replayed = await Scoped<IProductListService>(services).GetPageAsync(new ProductListQuery(Search: "Searchable on the primary"), Cancellation);

        // The write was on the primary and in the standby's WAL, not applied: a read that does not see it read the standby.
        Assert.Empty(whileLagging.Items);
        Assert.Equal(id, Assert.Single(replayed.Items).Id);
    }

    [Fact]
    public async Task EditsAndTheChangeFeedUseThePrimaryWhileTheStandbyLags()
    {
        var edited = DemoCatalogGenerator.IdFor(4);
        var external = DemoCatalogGenerator.IdFor(8);
        await using var services = await ChangeFeedServices.StartAsync(replica.Primary, servers.RedisConnectionString, Settings());
        var product = (await services.CreateQueryService().GetProductAsync(edited, Cancellation)).Product!;
        var externalName = await StandbyNameAsync(external);
        await PauseReplayAsync();

        var saved = await Scoped<IProductEditService>(services).SaveAsync(
            ProductEdit.From(product) with { Name = "Edited while the standby lags" }, "editor", Cancellation);
        await CatalogDatabase.ExecuteAsync(replica.Primary, "UPDATE products SET name = 'Renamed by psql while the standby lags' WHERE id = $1", external);
        var revision = await PrimaryVersionAsync(external);
        // Nothing in the app touched this product: its tombstone comes from the feed, which can only have seen the change
        // on the primary while the standby has not applied it.
        await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(services.Keys.Product(external)) == (revision, true), Bound);

        Assert.Equal(ProductSaveStatus.Saved, saved.Status);
        Assert.Equal("Edited while the standby lags", await PrimaryNameAsync(edited));
        Assert.Equal(product.Name, await StandbyNameAsync(edited));
        Assert.Equal(externalName, await StandbyNameAsync(external));
    }

    [Fact]
    public async Task ARelatedListRefilledWhileTheStandbyLagsNeverKeepsItsOldRows()
    {
        // A list depends on every product of its category, so no single row's revision guards it: refilled from a
        // standby that has not applied a change, it would be filed under the raised counter and served until its TTL.
        var prefix = $"t{Guid.NewGuid():N}";
        await using var services = await ChangeFeedServices.StartAsync(replica.Primary, servers.RedisConnectionString, Settings(prefix));
        var page = (await services.CreateQueryService().GetProductAsync(DemoCatalogGenerator.IdFor(10), Cancellation)).Product!;
        var neighbour = (await Scoped<IRelatedProductsService>(services).GetRelatedAsync(page, cancellationToken: Cancellation))[0];
        var epochKey = services.Keys.RelatedEpoch(page.CategoryId);
        var epoch = (long?)await services.Redis.StringGetAsync(epochKey) ?? 0;
        await PauseReplayAsync();

        await CatalogDatabase.ExecuteAsync(replica.Primary, "UPDATE products SET weight_kg = weight_kg + 1 WHERE id = $1", neighbour.Id);
        await Eventually.TrueAsync(async () => ((long?)await services.Redis.StringGetAsync(epochKey) ?? 0) > epoch, Bound);
        var whileLagging = await Scoped<IRelatedProductsService>(services).GetRelatedAsync(page, cancellationToken: Cancellation);
        await replica.Servers.ResumeReplayAsync(Cancellation);
        await replica.Servers.WaitUntilReplayedAsync(Bound, Cancellation);
        var afterReplay = await Scoped<IRelatedProductsService>(services).GetRelatedAsync(page, cancellationToken: Cancellation);

        Assert.Equal(neighbour.WeightKg + 1, whileLagging.Single(s => s.Id == neighbour.Id).WeightKg);
        Assert.Equal(neighbour.WeightKg + 1, afterReplay.Single(s => s.Id == neighbour.Id).WeightKg);
    }

    /// <summary>
    /// After an edit the standby has not applied yet, every instance's miss finds the change's tombstone newer than the
    /// standby's row and reads the primary: the editor and everyone else see the new values at once, the first miss
    /// stores them, and the standby's old row never reaches the cache.
    /// </summary>
    [Fact]
    public async Task AnEditWhileTheStandbyLagsIsReadFromThePrimaryOnEveryInstanceAndItsOldRowNeverCached()
    {
        var id = DemoCatalogGenerator.IdFor(5);
        var prefix = $"t{Guid.NewGuid():N}";
        await using var first = await ChangeFeedServices.StartAsync(replica.Primary, servers.RedisConnectionString, Settings(prefix));
        await using var second = await ChangeFeedServices.StartAsync(replica.Primary, servers.RedisConnectionString, Settings(prefix));
        var key = first.Keys.Product(id);
        var before = (await first.CreateQueryService().GetProductAsync(id, Cancellation)).Product!;
        // The fill is sent without waiting for its reply; a read through the same connection comes after it.
        Assert.True(await first.Redis.HoldsValueAsync(key));
        Assert.Equal(CacheOutcome.Hit, (await second.CreateQueryService().GetProductAsync(id, Cancellation)).Cache.Outcome);
        await PauseReplayAsync();

        const string renamed = "Renamed while the standby lags";
        // The save reads the product back once its tombstone is in: the standby still has the old row.
        var saved = await Scoped<IProductEditService>(first).SaveAsync(ProductEdit.From(before) with { Name = renamed }, "editor", Cancellation);
        var revision = await PrimaryVersionAsync(id);
        await replica.Servers.WaitUntilReceivedAsync(Bound, Cancellation);
        Assert.Equal(before.Name, await StandbyNameAsync(id));
        await Eventually.TrueAsync(async () => await first.Redis.VersionAsync(key) == (revision, false), Bound);
        var readBack = await first.CreateQueryService().GetProductAsync(id, Cancellation);
        var onTheOther = await second.CreateQueryService().GetProductAsync(id, Cancellation);
        var standbyStill = await StandbyNameAsync(id);
        await replica.Servers.ResumeReplayAsync(Cancellation);
        await replica.Servers.WaitUntilReplayedAsync(Bound, Cancellation);
        var afterReplay = await first.CreateQueryService().GetProductAsync(id, Cancellation);

        Assert.Equal(renamed, saved.Current!.Name);
        Assert.Equal(revision, saved.Current.Revision);
        Assert.Equal(CacheOutcome.Hit, readBack.Cache.Outcome);
        Assert.Equal(renamed, readBack.Product!.Name);
        Assert.Equal(CacheOutcome.Hit, onTheOther.Cache.Outcome);
        Assert.Equal(renamed, onTheOther.Product!.Name);
        Assert.Equal(before.Name, standbyStill);
        Assert.Equal(CacheOutcome.Hit, afterReplay.Cache.Outcome);
        Assert.Equal(renamed, afterReplay.Product!.Name);
    }

    /// <summary>
    /// A product's SKU changed while the standby lags: a scan of the new SKU finds it at once, and the old SKU no longer
    /// does (each code's tombstone is newer than what the standby answers, so the primary is asked).
    /// </summary>
    [Fact]
    public async Task ASkuChangedWhileTheStandbyLagsIsFoundByItsNewCodeAtOnce()
    {
        var id = DemoCatalogGenerator.IdFor(8);
        await using var services = await ChangeFeedServices.StartAsync(replica.Primary, servers.RedisConnectionString, Settings());
        var lookup = Scoped<ISkuLookupService>(services);
        var before = (await services.CreateQueryService().GetProductAsync(id, Cancellation)).Product!;
        Assert.Equal(SkuLookupStatus.Found, (await lookup.LookupAsync(before.Sku, Cancellation)).Status);
        await PauseReplayAsync();

        var newSku = $"TST-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        await Scoped<IProductEditService>(services).SaveAsync(ProductEdit.From(before) with { Sku = newSku }, "editor", Cancellation);
        await replica.Servers.WaitUntilReceivedAsync(Bound, Cancellation);
        var onTheStandby = await CatalogDatabase.ScalarAsync<long>(replica.Replica, "SELECT count(*) FROM products WHERE sku = $1", newSku);
        var byNewCode = await lookup.LookupAsync(newSku.ToLowerInvariant(), Cancellation);
        var byOldCode = await lookup.LookupAsync(before.Sku, Cancellation);

        Assert.Equal(0, onTheStandby);
        Assert.Equal(SkuLookupStatus.Found, byNewCode.Status);
        Assert.Equal(id, byNewCode.Product!.Id);
        Assert.Equal(newSku, byNewCode.Product.Sku);
        Assert.Equal(SkuLookupStatus.NotFound, byOldCode.Status);
    }

    [Fact]
    public async Task AStandbyLaggingLongerThanATombstoneLivesDoesNotFillTheCacheWithItsOldRow()
    {
        var id = DemoCatalogGenerator.IdFor(6);
        await using var services = await ChangeFeedServices.StartAsync(replica.Primary, servers.RedisConnectionString,
            Settings(null, ("Cache:TombstoneTtl", "00:00:10"), ("Database:ReplicaLagInterval", "00:00:00.250")));
        var sampler = services.Get<ReplicaLagSampler>();
        await sampler.StartAsync(Cancellation);
        var key = services.Keys.Product(id);
        var before = (await services.CreateQueryService().GetProductAsync(id, Cancellation)).Product!;
        await PauseReplayAsync();

        // An outside write (no read-back after it, unlike a save in the app): only its tombstone is in the cache.
        await CatalogDatabase.ExecuteAsync(replica.Primary, "UPDATE products SET name = $2 WHERE id = $1", id, "Renamed before the tombstone expired");
        var revision = await PrimaryVersionAsync(id);
        await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(key) == (revision, true), Bound);
        // The tombstone expires (its TTL is real time) while the standby still holds the old row.
        await Eventually.TrueAsync(async () => await services.Redis.VersionAsync(key) is null, Bound);
        var afterTombstone = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        var again = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        var lag = sampler.Latest;
        await replica.Servers.ResumeReplayAsync(Cancellation);
        await replica.Servers.WaitUntilReplayedAsync(Bound, Cancellation);
        var replayed = await services.CreateQueryService().GetProductAsync(id, Cancellation);
        await sampler.StopAsync(Cancellation);

        Report($"Lag measured when the tombstone had expired: {lag?.Replay?.TotalSeconds:0.000} s, {lag?.BehindBytes:N0} bytes.");
        Assert.Equal(before.Name, afterTombstone.Product!.Name);
        // Read from a standby further behind than half the tombstone's life: not stored, so never served as a hit.
        Assert.Equal(CacheOutcome.Miss, again.Cache.Outcome);
        Assert.Equal("Renamed before the tombstone expired", replayed.Product!.Name);
    }

    [Fact]
    public async Task ReplicaLagIsMeasuredPublishedAndReportedInHealth()
    {
        await using var services = CatalogServices.Create(replica.Primary, servers.RedisConnectionString, Settings());
        var sampler = services.Get<ReplicaLagSampler>();
        var gauge = new List<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == CatalogMetrics.ReplicaLagName && ReferenceEquals(instrument.Meter, services.Get<CatalogMetrics>().Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => gauge.Add(value));
        listener.Start();

        var caughtUp = await sampler.SampleAsync(Cancellation);
        await PauseReplayAsync();
        await CatalogDatabase.ExecuteAsync(replica.Primary, "UPDATE products SET name = name || ' (measured)' WHERE id = $1", DemoCatalogGenerator.IdFor(7));
        await replica.Servers.WaitUntilReceivedAsync(Bound, Cancellation);
        var paused = await sampler.SampleAsync(Cancellation);
        var standbyName = await StandbyNameAsync(DemoCatalogGenerator.IdFor(7));
        listener.RecordObservableInstruments();
        var health = await services.Get<HealthCheckService>().CheckHealthAsync(Cancellation);
        await replica.Servers.ResumeReplayAsync(Cancellation);
        await replica.Servers.WaitUntilReplayedAsync(Bound, Cancellation);
        ReplicaLag? resumed = null;
        await Eventually.TrueAsync(async () => (resumed = await sampler.SampleAsync(Cancellation)) is { BehindBytes: 0 }, Bound);

        Report($"Caught up: {caughtUp!.Replay?.TotalSeconds:0.000} s / {caughtUp.BehindBytes} bytes; paused after one update: " +
            $"{paused!.Replay?.TotalSeconds:0.000} s / {paused.BehindBytes:N0} bytes; resumed: {resumed!.Replay?.TotalSeconds:0.000} s / {resumed.BehindBytes} bytes.");
        Assert.DoesNotContain("(measured)", standbyName, StringComparison.Ordinal);
        Assert.True(paused.ReplayPaused);
        Assert.True(paused.BehindBytes > 0);
        Assert.True(paused.Replay > TimeSpan.Zero);
        Assert.Equal(paused.Replay!.Value.TotalSeconds, Assert.Single(gauge));
        Assert.StartsWith("Replica lag ", health.Entries["replica-lag"].Description, StringComparison.Ordinal);
        Assert.Contains("replay paused", health.Entries["replica-lag"].Description, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, resumed.Replay);
    }
}
