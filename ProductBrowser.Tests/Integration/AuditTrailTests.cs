using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using ProductBrowser.Admin;
using ProductBrowser.Audit;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;
using ProductBrowser.Domain;
using ProductBrowser.ScaleOut;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// The audit trail against the real PostgreSQL: who changed what, from the app or from outside it, and a table the app
/// can only append to. Each test works on products and user names of its own, since the database is shared.
/// </summary>
public sealed class AuditTrailTests(TestServers servers) : CatalogServicesTest(servers)
{
    private async Task<Product> OwnProductAsync() =>
        await CatalogDatabase.InsertProductAsync(Servers.CatalogConnectionString, Servers.RedisConnectionString);

    private static string UniqueUser() => $"user-{Guid.NewGuid():N}"[..17];

    private Task<IReadOnlyList<AuditEvent>> HistoryAsync(Guid productId) =>
        Get<IAuditQueryService>().GetProductHistoryAsync(productId, 50, Cancellation);

    private static Dictionary<string, (string? Old, string? New)> Fields(AuditEvent e) =>
        e.Changes.ToDictionary(c => c.Field, c => (c.Old, c.New));

    private static decimal Decimal(string? text) => decimal.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task EditThroughTheAppRecordsTheEditorTheInstanceAndExactlyTheChangedFields()
    {
        await using var services = CatalogServices.Create(Servers.CatalogConnectionString, Servers.RedisConnectionString,
            configure: s => s.Configure<InstanceOptions>(o => o.Name = "web-7"));
        var product = await OwnProductAsync();
        var read = await services.CreateQueryService().GetProductAsync(product.Id, Cancellation);
        var edit = ProductEdit.From(read.Product!) with { BinLocation = "b-02-3", WeightKg = read.Product!.WeightKg + 1m };

        var saved = await services.Services.CreateScope().ServiceProvider.GetRequiredService<IProductEditService>()
            .SaveAsync(edit, "alice", Cancellation);
        var history = await HistoryAsync(product.Id);

        Assert.Equal(ProductSaveStatus.Saved, saved.Status);
        var latest = history[0];
        Assert.Equal(AuditAction.Edit, latest.Action);
        Assert.Equal("alice", latest.Actor);
        Assert.Equal("web-7", latest.Instance);
        Assert.Equal(product.Sku, latest.Sku);
        var fields = Fields(latest);
        Assert.Equal(["weight_kg", "bin_location"], fields.Keys);
        Assert.Equal((product.BinLocation, "B-02-3"), fields["bin_location"]);
        Assert.Equal(product.WeightKg, Decimal(fields["weight_kg"].Old));
        Assert.Equal(product.WeightKg + 1m, Decimal(fields["weight_kg"].New));
    }

    [Fact]
    public async Task ConflictingSaveRecordsNothing()
    {
        var product = await OwnProductAsync();
        var read = (await Get<IProductQueryService>().GetProductAsync(product.Id, Cancellation)).Product!;
        await Get<IProductEditService>().SaveAsync(ProductEdit.From(read) with { Name = "First editor" }, "first", Cancellation);
        var before = await HistoryAsync(product.Id);

        var second = await Get<IProductEditService>().SaveAsync(ProductEdit.From(read) with { Name = "Second editor" }, "second", Cancellation);
        var after = await HistoryAsync(product.Id);

        Assert.Equal(ProductSaveStatus.Conflict, second.Status);
        Assert.Equal(before.Select(e => e.Id), after.Select(e => e.Id));
        Assert.DoesNotContain(after, e => e.Actor == "second");
    }

    [Fact]
    public async Task OutsideUpdateAppearsAsOutsideTheAppWithItsChangedFields()
    {
        var product = await OwnProductAsync();

        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString,
            "UPDATE products SET bin_location = 'Q-09-9', name = 'Renamed in psql' WHERE id = $1", product.Id);
        var latest = (await HistoryAsync(product.Id))[0];

        Assert.True(latest.IsOutsideTheApp);
        Assert.Null(latest.Instance);
        Assert.Equal(AuditAction.Edit, latest.Action);
        var fields = Fields(latest);
        Assert.Equal(["name", "bin_location"], fields.Keys);
        Assert.Equal((product.Name, "Renamed in psql"), fields["name"]);
        Assert.Equal((product.BinLocation, "Q-09-9"), fields["bin_location"]);
    }

    [Fact]
    public async Task UpdateThatChangesNothingRecordsNothing()
    {
        var product = await OwnProductAsync();
        var before = await HistoryAsync(product.Id);

        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString,
            "UPDATE products SET bin_location = bin_location, name = name, updated_at = now() WHERE id = $1", product.Id);
        var after = await HistoryAsync(product.Id);

        Assert.Equal(before.Select(e => e.Id), after.Select(e => e.Id));
    }

    [Fact]
    public async Task EveryProductColumnIsAuditedUnlessItIsBookkeeping()
    {
        string[] bookkeeping = ["id", "updated_at", "search_text", "revision"];
        var columns = new List<string>();
        await using (var query = Services.Get<NpgsqlDataSource>().CreateCommand(
                         "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'products'"))
        await using (var reader = await query.ExecuteReaderAsync(Cancellation))
        {
            while (await reader.ReadAsync(Cancellation))
            {
                columns.Add(reader.GetString(0));
            }
        }

        var trigger = await CatalogDatabase.ScalarAsync<string>(Servers.CatalogConnectionString,
            "SELECT pg_get_functiondef('audit_product_changes'::regproc)");

        Assert.All(columns.Except(bookkeeping), column =>
        {
            Assert.Contains($"n.{column} IS DISTINCT FROM o.{column}", trigger, StringComparison.Ordinal);
            Assert.Contains($"'{column}', jsonb_build_object('old', o.{column}, 'new', NULL)", trigger, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AuditTriggersJoinTheirTransitionTablesWithoutNestedLoopsAndWithoutJit()
    {
        // As for the change log (MigrationTests): no statistics on transition tables, so no nested loops; and a bulk
        // statement's short plan never pays back JIT compilation (measured: half a second on 10 000 rows).
        var settings = await CatalogDatabase.ScalarAsync<string>(Servers.CatalogConnectionString,
            "SELECT string_agg(proname || ':' || array_to_string(proconfig, ','), ';' ORDER BY proname) FROM pg_proc " +
            "WHERE proname IN ('audit_product_changes', 'audit_pack_changes')");

        Assert.Equal("audit_pack_changes:enable_nestloop=off,jit=off;audit_product_changes:enable_nestloop=off,jit=off", settings);
    }

    [Fact]
    public async Task OutsideInsertAndDeleteAppearWithTheProductsNameAndWhatItHeld()
    {
        var id = Guid.NewGuid();
        var sku = $"OUT-{id.ToString("N")[..10].ToUpperInvariant()}";

        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString,
            "INSERT INTO products (id, sku, name, description, category_id, brand, weight_kg, length_cm, width_cm, height_cm, unit_of_measure, units_per_pack, bin_location) " +
            "VALUES ($1, $2, 'Imported crate', 'From an import job', 1, 'Acme', 2.5, 10, 10, 10, 'Each', 1, 'I-01-1')", id, sku);
        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString, "DELETE FROM products WHERE id = $1", id);
        var history = await HistoryAsync(id);

        Assert.Equal([AuditAction.Delete, AuditAction.Create], history.Select(e => e.Action));
        Assert.All(history, e => Assert.True(e.IsOutsideTheApp));
        Assert.All(history, e => Assert.Equal(sku, e.Sku));
        Assert.All(history, e => Assert.Equal("Imported crate", e.Detail));
        Assert.Empty(history[1].Changes);
        Assert.Equal(("I-01-1", null), Fields(history[0])["bin_location"]);
    }

    [Fact]
    public async Task OutsidePackChangesAppearAsChangesOfTheirProduct()
    {
        var product = await OwnProductAsync();
        var gtin = "8" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(CultureInfo.InvariantCulture);

        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString,
            "INSERT INTO product_packs (product_id, level, gtin, quantity) VALUES ($1, 'Case', $2, 12)", product.Id, gtin);
        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString,
            "UPDATE product_packs SET quantity = 24 WHERE product_id = $1", product.Id);
        var history = await HistoryAsync(product.Id);

        Assert.Equal((null, $"{gtin} × 12"), Fields(history[1])["pack_case"]);
        Assert.Equal(($"{gtin} × 12", $"{gtin} × 24"), Fields(history[0])["pack_case"]);
        Assert.All(history.Take(2), e => Assert.True(e.IsOutsideTheApp && e.Action == AuditAction.Edit && e.Changes.Count == 1));
    }

    [Fact]
    public async Task DemoCatalogIsRecordedAsCreatedByTheDemoCatalogWithItsPacks()
    {
        // Loaded with its case and pallet in one transaction (other tests may have changed it since).
        var demo = new DemoCatalogGenerator(new DemoCatalogOptions().Seed);
        var withPacks = Enumerable.Range(1, TestServers.DemoProductCount).Reverse().Select(n => demo.Create(n)).First(p => p.Packs.Count == 2);

        var history = await HistoryAsync(withPacks.Id);

        Assert.Equal(AuditAction.Create, history[^1].Action);
        Assert.Equal(AuditTrail.DemoCatalogActor, history[^1].Actor);
        Assert.DoesNotContain(history, e => e.Actor == AuditTrail.DemoCatalogActor && e.Action != AuditAction.Create);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET actor = 'someone else' WHERE product_id = $1")]
    [InlineData("DELETE FROM audit_events WHERE product_id = $1")]
    [InlineData("TRUNCATE audit_events")]
    public async Task AuditEventsCannotBeChangedOrRemovedFromTheAppsConnection(string sql)
    {
        var product = await OwnProductAsync();
        await using var command = Services.Get<NpgsqlDataSource>().CreateCommand(sql);
        if (sql.Contains("$1", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = product.Id });
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Cancellation));
        var history = await HistoryAsync(product.Id);

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(AuditAction.Create, Assert.Single(history).Action);
        Assert.Null(history[0].Actor);
    }

    [Fact]
    public async Task PruningRemovesOnlyEventsOlderThanTheRetention()
    {
        await using var services = CatalogServices.Create(Servers.CatalogConnectionString, Servers.RedisConnectionString,
            new Dictionary<string, string?> { ["Audit:Retention"] = "30.00:00:00" });
        var actor = UniqueUser();
        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString,
            "INSERT INTO audit_events (at, actor, instance, action, detail) SELECT now() - make_interval(days => d), $1, 'test', 'flush', d::text " +
            "FROM unnest(ARRAY[400, 31, 29, 2]) AS d", actor);

        await services.Get<AuditRetention>().PruneAsync(Cancellation);
        var left = await services.Services.CreateScope().ServiceProvider.GetRequiredService<IAuditQueryService>()
            .SearchAsync(new AuditQuery { Actor = actor }, Cancellation);

        Assert.Equal(["2", "29"], left.Items.Select(e => e.Detail));
    }

    [Fact]
    public async Task OnlyThePruningFunctionDeletesEvenWithItsCutOffSetByHand()
    {
        var actor = UniqueUser();
        await CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString,
            "INSERT INTO audit_events (at, actor, action) VALUES (now() - interval '400 days', $1, 'flush')", actor);
        await using var connection = await Services.Get<NpgsqlDataSource>().OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await using (var cutOff = new NpgsqlCommand("SELECT set_config('productbrowser.audit_prune_before', now()::text, true)", connection))
        {
            await cutOff.ExecuteNonQueryAsync(Cancellation);
        }

        await using var delete = new NpgsqlCommand("DELETE FROM audit_events WHERE actor = $1", connection) { Parameters = { new() { Value = actor } } };
        var refused = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync(Cancellation));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task PruningNeverTakesARetentionUnderADay()
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            CatalogDatabase.ExecuteAsync(Servers.CatalogConnectionString, "SELECT prune_audit_events(interval '1 hour')"));

        Assert.Contains("at least a day", refused.MessageText, StringComparison.Ordinal);
        await using var services = CatalogServices.Create(Servers.CatalogConnectionString, Servers.RedisConnectionString,
            new Dictionary<string, string?> { ["Audit:Retention"] = "01:00:00" });
        var invalid = Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<AuditOptions>>().Value);
        Assert.Contains("Audit:Retention", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvictWarmFlushAndCounterResetEachRecordOneEventWithTheAdmin()
    {
        var admin = UniqueUser();
        var product = await OwnProductAsync();
        var tools = Services.Get<CacheAdministration>();

        await tools.EvictAsync(product.Id, admin, Cancellation);
        var warmed = await tools.WarmAsync(5, admin, new Progress<int>(), Cancellation);
        var flushed = await tools.FlushAsync(admin, Cancellation);
        await tools.RecordCountersResetAsync(admin);
        var recorded = (await Get<IAuditQueryService>().SearchAsync(new AuditQuery { Actor = admin }, Cancellation)).Items;

        Assert.Equal([AuditAction.ResetCounters, AuditAction.Flush, AuditAction.Warm, AuditAction.Evict], recorded.Select(e => e.Action));
        Assert.All(recorded, e => Assert.Equal(Services.Get<AuditTrail>().Instance, e.Instance));
        Assert.Equal((product.Id, product.Sku), (recorded[3].ProductId, recorded[3].Sku));
        Assert.Equal($"{warmed} of the first 5 products by name", recorded[2].Detail);
        Assert.Equal($"{flushed} keys", recorded[1].Detail);
    }

    [Fact]
    public async Task SearchBySkuFindsTheProductsEventsFromBeforeItsSkuChanged()
    {
        var product = await OwnProductAsync();
        var read = (await Get<IProductQueryService>().GetProductAsync(product.Id, Cancellation)).Product!;
        var newSku = "REN-" + product.Sku[4..];
        await Get<IProductEditService>().SaveAsync(ProductEdit.From(read) with { Sku = newSku }, "renamer", Cancellation);

        var found = await Get<IAuditQueryService>().SearchAsync(new AuditQuery { Sku = newSku.ToLowerInvariant() }, Cancellation);

        Assert.Equal([AuditAction.Edit, AuditAction.Create], found.Items.Select(e => e.Action));
        Assert.Equal([newSku, product.Sku], found.Items.Select(e => e.Sku));
        Assert.Equal((product.Sku, newSku), Fields(found.Items[0])["sku"]);
    }

    [Fact]
    public async Task EventsArePagedNewestFirstByKeyset()
    {
        var actor = UniqueUser();
        var audit = Services.Get<AuditTrail>();
        for (var i = 1; i <= AuditQuery.PageSize + 10; i++)
        {
            await audit.RecordAsync(actor, AuditAction.Flush, detail: i.ToString(CultureInfo.InvariantCulture), cancellationToken: Cancellation);
        }

        var search = Get<IAuditQueryService>();
        var first = await search.SearchAsync(new AuditQuery { Actor = actor }, Cancellation);
        var second = await search.SearchAsync(new AuditQuery { Actor = actor, Before = first.OlderThan }, Cancellation);
        var back = await search.SearchAsync(new AuditQuery { Actor = actor, After = second.NewerThan }, Cancellation);

        Assert.Equal(Enumerable.Range(11, AuditQuery.PageSize).Reverse().Select(i => i.ToString(CultureInfo.InvariantCulture)), first.Items.Select(e => e.Detail));
        Assert.Null(first.NewerThan);
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => i.ToString(CultureInfo.InvariantCulture)), second.Items.Select(e => e.Detail));
        Assert.Null(second.OlderThan);
        Assert.Equal(first.Items.Select(e => e.Id), back.Items.Select(e => e.Id));
    }
}
