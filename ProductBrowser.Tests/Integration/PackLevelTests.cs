using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Data;
using ProductBrowser.Domain;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// Products found by the GTINs of their packs (case, pallet), cached like SKUs and kept fresh by the change feed when
/// packs change, from the app or from outside it (real PostgreSQL and Redis).
/// </summary>
public sealed class PackLevelTests(TestServers servers)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACaseGtinFindsItsProductWithThePackAndTheSecondScanIsAHit()
    {
        var product = DemoProducts.WithCaseAndPallet();
        var casePack = product.Packs.Single(k => k.Level == PackLevel.Case);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);

        var first = await LookupAsync(services, casePack.Gtin);
        var second = await LookupAsync(services, casePack.Gtin);

        Assert.Equal(SkuLookupStatus.Found, first.Status);
        Assert.Equal(product.Id, first.Product!.Id);
        Assert.Equal(new ProductPackDetails(PackLevel.Case, casePack.Gtin, casePack.Quantity), first.Pack);
        Assert.Equal(CacheOutcome.Miss, first.CodeStep!.Outcome);
        Assert.Equal(CacheOutcome.Hit, second.CodeStep!.Outcome);
        Assert.Equal(casePack.Quantity, second.Pack!.Quantity);
        Assert.Equal(2, first.Product.Packs.Count);
    }

    [Fact]
    public async Task APalletLabelInGs1FormFindsTheProductWithItsPackAndLot()
    {
        var product = DemoProducts.WithCaseAndPallet();
        var pallet = product.Packs.Single(k => k.Level == PackLevel.Pallet);
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);

        var found = await LookupAsync(services, $"]C101{pallet.Gtin}10LOT-7\u001d21PAL0001");

        Assert.Equal(SkuLookupStatus.Found, found.Status);
        Assert.Equal(product.Id, found.Product!.Id);
        Assert.Equal(PackLevel.Pallet, found.Pack!.Level);
        Assert.Equal("LOT-7", found.Label!.Lot);
        Assert.Equal("PAL0001", found.Label.Serial);
    }

    [Fact]
    public async Task TheItemsOwnBarcodeInAGs1LabelFindsTheItemWithoutAPack()
    {
        var product = DemoProducts.WithCaseAndPallet();
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);

        var found = await LookupAsync(services, $"(01)0{product.Gtin}(17)261231");

        Assert.Equal(product.Id, found.Product!.Id);
        Assert.Null(found.Pack);
    }

    [Fact]
    public async Task APackAddedMovedAndRemovedOutsideTheAppIsSeenSoonAndUntouchedCodesStayCached()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var caseGtin = NewPackGtin('1');
        var movedGtin = NewPackGtin('1');
        await using var services = await ChangeFeedServices.StartAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        Assert.Empty((await ReadAsync(services, product.Id)).Product!.Packs);
        Assert.Equal(SkuLookupStatus.NotFound, (await LookupAsync(services, caseGtin)).Status);
        Assert.Equal(SkuLookupStatus.Found, (await LookupAsync(services, product.Sku)).Status);

        // Added: the cached product (no packs) and the cached "not found" for the case GTIN both go.
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString,
            "INSERT INTO product_packs (product_id, level, gtin, quantity) VALUES ($1, 'Case', $2, 12)", product.Id, caseGtin);
        await Eventually.TrueAsync(async () => (await ReadAsync(services, product.Id)).Product!.Packs.Count == 1, Bound);
        await Eventually.TrueAsync(async () => (await LookupAsync(services, caseGtin)).Pack?.Quantity == 12, Bound);
        Assert.Equal(CacheOutcome.Hit, (await LookupAsync(services, product.Sku)).CodeStep!.Outcome);

        // Moved to another GTIN and resized: the old GTIN finds nothing, the new one the new size.
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString,
            "UPDATE product_packs SET gtin = $2, quantity = 24 WHERE product_id = $1", product.Id, movedGtin);
        await Eventually.TrueAsync(async () => (await LookupAsync(services, caseGtin)).Status == SkuLookupStatus.NotFound, Bound);
        await Eventually.TrueAsync(async () => (await LookupAsync(services, movedGtin)).Pack?.Quantity == 24, Bound);
        Assert.Equal(24, Assert.Single((await ReadAsync(services, product.Id)).Product!.Packs).Quantity);

        // Removed.
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString, "DELETE FROM product_packs WHERE product_id = $1", product.Id);
        await Eventually.TrueAsync(async () => (await LookupAsync(services, movedGtin)).Status == SkuLookupStatus.NotFound, Bound);
        await Eventually.TrueAsync(async () => (await ReadAsync(services, product.Id)).Product!.Packs.Count == 0, Bound);
    }

    [Fact]
    public async Task APackUpdateThatChangesNothingRecordsNothing()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString,
            "INSERT INTO product_packs (product_id, level, gtin, quantity) VALUES ($1, 'Case', $2, 6)", product.Id, NewPackGtin('1'));
        var revision = await RevisionAsync(product.Id);
        var changes = await ChangeCountAsync(product.Id);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString,
            "UPDATE product_packs SET quantity = quantity, level = level WHERE product_id = $1", product.Id);

        Assert.Equal(revision, await RevisionAsync(product.Id));
        Assert.Equal(changes, await ChangeCountAsync(product.Id));
    }

    [Fact]
    public async Task APackChangeGivesItsProductANewerRevisionThanAnyCopyOfIt()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);
        var before = await RevisionAsync(product.Id);

        await CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString,
            "INSERT INTO product_packs (product_id, level, gtin, quantity) VALUES ($1, 'Pallet', $2, 480)", product.Id, NewPackGtin('5'));

        Assert.True(await RevisionAsync(product.Id) > before);
    }

    [Fact]
    public async Task APackGtinThatIsNotFourteenDigitsWithAPackIndicatorIsRefused()
    {
        var product = await CatalogDatabase.InsertProductAsync(servers.CatalogConnectionString, servers.RedisConnectionString);

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => CatalogDatabase.ExecuteAsync(servers.CatalogConnectionString,
            "INSERT INTO product_packs (product_id, level, gtin, quantity) VALUES ($1, 'Case', $2, 6)", product.Id, "0" + NewPackGtin('1')[1..]));

        Assert.Equal("ck_product_packs_gtin14", refused.ConstraintName);
    }

    private static Task<SkuLookupResult> LookupAsync(CatalogServices services, string code) =>
        services.Services.CreateScope().ServiceProvider.GetRequiredService<ISkuLookupService>().LookupAsync(code, Cancellation);

    private static Task<ProductReadResult> ReadAsync(CatalogServices services, Guid id) =>
        services.CreateQueryService().GetProductAsync(id, Cancellation);

    private Task<long> RevisionAsync(Guid id) =>
        CatalogDatabase.ScalarAsync<long>(servers.CatalogConnectionString, "SELECT revision FROM products WHERE id = $1", id);

    private Task<long> ChangeCountAsync(Guid id) =>
        CatalogDatabase.ScalarAsync<long>(servers.CatalogConnectionString, "SELECT count(*) FROM catalog_changes WHERE product_id = $1", id);

    /// <summary>A GTIN-14 no demo product uses (prefix 49), with the pack indicator and a valid check digit.</summary>
    private static string NewPackGtin(char indicator)
    {
        var body = indicator + "49" + Random.Shared.NextInt64(0, 10_000_000_000).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        return body + Gs1CheckDigit.Compute(body);
    }
}
