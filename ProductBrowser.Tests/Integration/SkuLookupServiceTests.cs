using ProductBrowser.Caching;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>SKU and barcode lookups through the real Redis and PostgreSQL.</summary>
public sealed class SkuLookupServiceTests(TestServers servers) : IAsyncLifetime
{
    private static readonly ProductBrowser.Data.Product Demo = new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(5);
    private CatalogServices _services = null!;

    public ValueTask InitializeAsync()
    {
        _services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static ISkuLookupService LookupIn(CatalogServices services) =>
        services.Services.CreateScope().ServiceProvider.GetRequiredService<ISkuLookupService>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstLookupMissesBothStepsAndTheSecondHitsBothWithoutPostgres()
    {
        var first = await LookupIn(_services).LookupAsync(Demo.Sku, Cancellation);
        var queriesAfterFirst = _services.Sql.Count;
        var second = await LookupIn(_services).LookupAsync(Demo.Sku, Cancellation);

        Assert.Equal(SkuLookupStatus.Found, first.Status);
        Assert.Equal(Demo.Id, first.Product!.Id);
        Assert.Equal(CacheOutcome.Miss, first.CodeStep!.Outcome);
        Assert.Equal(CacheOutcome.Miss, first.ProductStep!.Outcome);
        Assert.Equal(2, queriesAfterFirst);
        Assert.Equal(CacheOutcome.Hit, second.CodeStep!.Outcome);
        Assert.Equal(CacheOutcome.Hit, second.ProductStep!.Outcome);
        Assert.Equal(queriesAfterFirst, _services.Sql.Count);
        Assert.StartsWith($"{_services.KeyPrefix}:v{CacheKeys.FormatVersion}:code:", second.CodeStep.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("  {0}  ")]
    [InlineData("{0}\r\n")]
    [InlineData("]C1{0}")]
    public async Task CaseAndWhitespaceVariantsFindTheSameProduct(string format)
    {
        var lower = await LookupIn(_services).LookupAsync(string.Format(null, format, Demo.Sku.ToLowerInvariant()), Cancellation);
        var upper = await LookupIn(_services).LookupAsync(string.Format(null, format, Demo.Sku), Cancellation);

        Assert.Equal(Demo.Id, lower.Product?.Id);
        Assert.Equal(Demo.Id, upper.Product?.Id);
        // One cache entry for all spellings (whether the first read's fill made it in time on a busy machine or not).
        Assert.Equal(lower.CodeStep!.Key, upper.CodeStep!.Key);
    }

    [Fact]
    public async Task BarcodeFindsTheProduct()
    {
        var result = await LookupIn(_services).LookupAsync(Demo.Gtin, Cancellation);

        Assert.Equal(SkuLookupStatus.Found, result.Status);
        Assert.Equal(Demo.Id, result.Product!.Id);
    }

    [Fact]
    public async Task UnknownSkuIsRememberedBrieflyThenAskedAgain()
    {
        await using var services = CatalogServices.Create(servers.CatalogConnectionString, servers.RedisConnectionString,
            new Dictionary<string, string?> { ["Cache:NotFoundTtl"] = "00:00:01" });
        const string unknown = "NOPE-12345";

        var first = await LookupIn(services).LookupAsync(unknown, Cancellation);
        var queriesAfterFirst = services.Sql.Count;
        var repeated = await LookupIn(services).LookupAsync(unknown, Cancellation);
        var queriesAfterRepeat = services.Sql.Count;
        await Eventually.TrueAsync(async () => !await services.Redis.KeyExistsAsync(services.Keys.Code(unknown)), TimeSpan.FromSeconds(10));
        var afterExpiry = await LookupIn(services).LookupAsync(unknown, Cancellation);

        Assert.Equal(SkuLookupStatus.NotFound, first.Status);
        Assert.Equal("No item with SKU NOPE-12345.", first.Message);
        Assert.Equal(CacheOutcome.Miss, first.CodeStep!.Outcome);
        Assert.InRange(first.CodeStep.TimeToLive!.Value, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.Equal(SkuLookupStatus.NotFound, repeated.Status);
        Assert.Equal(CacheOutcome.Hit, repeated.CodeStep!.Outcome);
        Assert.Equal(queriesAfterFirst, queriesAfterRepeat);
        Assert.Equal(CacheOutcome.Miss, afterExpiry.CodeStep!.Outcome);
        Assert.True(services.Sql.Count > queriesAfterRepeat);
    }

    [Fact]
    public async Task UnknownSkuOffersUpToTenSkusStartingWithIt()
    {
        var prefix = Demo.Sku[..^2];

        var result = await LookupIn(_services).LookupAsync(prefix, Cancellation);

        Assert.Equal(SkuLookupStatus.NotFound, result.Status);
        Assert.InRange(result.Suggestions.Count, 1, SkuLookupService.MaxSuggestions);
        Assert.All(result.Suggestions, s => Assert.StartsWith(prefix, s.Sku, StringComparison.Ordinal));
        Assert.Equal(result.Suggestions.Select(s => s.Sku).Order(StringComparer.Ordinal), result.Suggestions.Select(s => s.Sku));
    }

    [Fact]
    public async Task LikeWildcardsInACodeMatchOnlyThemselves()
    {
        // '_' is a valid SKU character and a LIKE wildcard: unescaped, "HTL_0000001" would suggest HTL-0000001.
        var result = await LookupIn(_services).LookupAsync("HTL_0000001", Cancellation);

        Assert.Equal(SkuLookupStatus.NotFound, result.Status);
        Assert.Empty(result.Suggestions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("'; DELETE FROM products; --")]
    [InlineData("📦 box")]
    [InlineData("https://example.com/p/1")]
    [InlineData("\u0000\u0001\u00ff")]
    public async Task InputThatIsNoCodeGetsAClearMessageWithoutTouchingPostgres(string input)
    {
        var result = await LookupIn(_services).LookupAsync(input, Cancellation);

        Assert.Equal(SkuLookupStatus.Invalid, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(0, _services.Sql.Count);
    }

    [Fact]
    public async Task TenThousandCharactersGetAClearMessage()
    {
        var result = await LookupIn(_services).LookupAsync(new string('7', 10_000), Cancellation);

        Assert.Equal(SkuLookupStatus.Invalid, result.Status);
    }
}
