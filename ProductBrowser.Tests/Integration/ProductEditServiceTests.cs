using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

public sealed class ProductEditServiceTests(TestServers servers) : CatalogServicesTest(servers)
{
    private const string Editor = "editor";

    private async Task<ProductDetails> CachedProductAsync()
    {
        var inserted = await CatalogDatabase.InsertProductAsync(Servers.CatalogConnectionString, Servers.RedisConnectionString);
        var read = await Get<IProductQueryService>().GetProductAsync(inserted.Id, Cancellation);
        Assert.Equal(CacheOutcome.Miss, read.Cache.Outcome);
        return read.Product!;
    }

    [Fact]
    public async Task EditIsSavedAndTheNextReadIsFresh()
    {
        var product = await CachedProductAsync();

        var result = await Get<IProductEditService>().SaveAsync(ProductEdit.From(product) with { Name = "Edited in the app", WeightKg = 2.5m }, Editor, Cancellation);
        var next = await Get<IProductQueryService>().GetProductAsync(product.Id, Cancellation);

        Assert.Equal(ProductSaveStatus.Saved, result.Status);
        Assert.Equal("Edited in the app", next.Product!.Name);
        Assert.Equal(2.5m, next.Product.WeightKg);
        Assert.NotEqual(product.Version, next.Product.Version);
    }

    [Fact]
    public async Task SecondOfTwoConcurrentEditsGetsAConflictWithTheCurrentValues()
    {
        var product = await CachedProductAsync();
        var first = ProductEdit.From(product) with { Name = "First editor" };
        var second = ProductEdit.From(product) with { Name = "Second editor" };

        var firstResult = await Get<IProductEditService>().SaveAsync(first, Editor, Cancellation);
        var secondResult = await Get<IProductEditService>().SaveAsync(second, Editor, Cancellation);
        var stored = await Get<IProductQueryService>().GetProductAsync(product.Id, Cancellation);

        Assert.Equal(ProductSaveStatus.Saved, firstResult.Status);
        Assert.Equal(ProductSaveStatus.Conflict, secondResult.Status);
        Assert.Equal("First editor", secondResult.Current!.Name);
        Assert.Equal("First editor", stored.Product!.Name);
    }

    [Fact]
    public async Task ChangingTheSkuForgetsTheOldCodeAndFindsTheNewOne()
    {
        var product = await CachedProductAsync();
        var lookup = Get<ProductBrowser.Catalog.Lookup.ISkuLookupService>();
        await lookup.LookupAsync(product.Sku, Cancellation);
        var newSku = "NEW-" + product.Sku[4..];

        await Get<IProductEditService>().SaveAsync(ProductEdit.From(product) with { Sku = newSku.ToLowerInvariant() }, Editor, Cancellation);
        var byOld = await Get<ProductBrowser.Catalog.Lookup.ISkuLookupService>().LookupAsync(product.Sku, Cancellation);
        var byNew = await Get<ProductBrowser.Catalog.Lookup.ISkuLookupService>().LookupAsync(newSku, Cancellation);

        Assert.Equal(ProductBrowser.Catalog.Lookup.SkuLookupStatus.NotFound, byOld.Status);
        Assert.Equal(product.Id, byNew.Product!.Id);
    }

    [Fact]
    public async Task DuplicateSkuIsRefusedWithAClearMessage()
    {
        var product = await CachedProductAsync();
        var other = await CachedProductAsync();

        var result = await Get<IProductEditService>().SaveAsync(ProductEdit.From(product) with { Sku = other.Sku }, Editor, Cancellation);

        Assert.Equal(ProductSaveStatus.Invalid, result.Status);
        Assert.Contains("already used", result.Errors[nameof(ProductEdit.Sku)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(ProductEdit.Sku), "")]
    [InlineData(nameof(ProductEdit.Sku), "bad sku!")]
    [InlineData(nameof(ProductEdit.Name), "")]
    [InlineData(nameof(ProductEdit.WeightKg), "-1")]
    [InlineData(nameof(ProductEdit.WeightKg), "0")]
    [InlineData(nameof(ProductEdit.Gtin), "4000000000014")]
    public async Task InvalidFieldsAreReportedAndNothingIsSaved(string field, string value)
    {
        var product = await CachedProductAsync();
        var edit = field switch
        {
            nameof(ProductEdit.Sku) => ProductEdit.From(product) with { Sku = value },
            nameof(ProductEdit.Name) => ProductEdit.From(product) with { Name = value },
            nameof(ProductEdit.Gtin) => ProductEdit.From(product) with { Gtin = value },
            _ => ProductEdit.From(product) with { WeightKg = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        };

        var result = await Get<IProductEditService>().SaveAsync(edit, Editor, Cancellation);
        var stored = await Get<IProductQueryService>().GetProductAsync(product.Id, Cancellation);

        Assert.Equal(ProductSaveStatus.Invalid, result.Status);
        Assert.True(result.Errors.ContainsKey(field));
        // Field by field: a read's packs are a list of its own, which record equality compares by reference.
        Assert.Equal(product with { Packs = [] }, stored.Product! with { Packs = [] });
        Assert.Equal(product.Packs, stored.Product.Packs);
    }
}
