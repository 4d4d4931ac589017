using ProductBrowser.Catalog.List;

namespace ProductBrowser.Tests.Unit;

public sealed class ProductListQueryTests
{
    [Theory]
    [InlineData(7, 25)]
    [InlineData(0, 25)]
    [InlineData(100, 100)]
    public void PageSizeIsOneOfTheOfferedSizes(int size, int expected)
    {
        Assert.Equal(expected, new ProductListQuery(PageSize: size).Normalize(out _).PageSize);
    }

    [Fact]
    public void SearchIsTrimmedStrippedOfControlCharactersAndBounded()
    {
        var query = new ProductListQuery("  ham\u0000mer\t ").Normalize(out var none);
        var longQuery = new ProductListQuery(new string('x', 10_000)).Normalize(out var shortened);
        var blank = new ProductListQuery(" \r\n ").Normalize(out _);

        Assert.Equal("hammer", query.Search);
        Assert.Empty(none);
        Assert.Equal(ProductListQuery.MaxSearchLength, longQuery.Search!.Length);
        Assert.Single(shortened);
        Assert.Null(blank.Search);
    }

    [Fact]
    public void TruncationNeverSplitsAnEmoji()
    {
        var text = new string('x', ProductListQuery.MaxSearchLength - 1) + "📦📦";

        var search = new ProductListQuery(text).Normalize(out _).Search!;

        Assert.False(char.IsHighSurrogate(search[^1]));
    }

    [Fact]
    public void NegativeWeightsAreIgnoredWithANotice()
    {
        var query = new ProductListQuery(MinWeightKg: -5, MaxWeightKg: 10).Normalize(out var notices);

        Assert.Null(query.MinWeightKg);
        Assert.Equal(10, query.MaxWeightKg);
        Assert.Contains(notices, n => n.Contains("negative", StringComparison.Ordinal));
    }

    [Fact]
    public void ReversedWeightRangeIsSwappedWithANotice()
    {
        var query = new ProductListQuery(MinWeightKg: 10, MaxWeightKg: 2).Normalize(out var notices);

        Assert.Equal(2, query.MinWeightKg);
        Assert.Equal(10, query.MaxWeightKg);
        Assert.Single(notices);
    }

    [Fact]
    public void RelevanceIsTheDefaultSortOnlyWhileSearching()
    {
        Assert.Equal(ProductSort.Relevance, new ProductListQuery("hammer").EffectiveSort);
        Assert.Equal(ProductSort.Name, new ProductListQuery().EffectiveSort);
        Assert.Equal(ProductSort.Name, new ProductListQuery(Sort: ProductSort.Relevance).EffectiveSort);
        Assert.Equal(ProductSort.Weight, new ProductListQuery("hammer", Sort: ProductSort.Weight).EffectiveSort);
    }

    [Fact]
    public void SearchTermsAreDistinctAndBounded()
    {
        var terms = new ProductListQuery("a b A c d e f g h").SearchTerms;

        Assert.Equal(ProductListQuery.MaxSearchTerms, terms.Count);
        Assert.Equal(terms.Count, terms.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void LikeWildcardsInSearchMatchThemselves()
    {
        Assert.Equal(@"100\%\_a\\b", ProductListService.EscapeLike(@"100%_a\b"));
    }

    [Fact]
    public void CursorRoundTripsAndRejectsForeignOrBrokenTokens()
    {
        var cursor = new ProductCursor(ProductSort.Name, ["Atlas Claw Hammer", Guid.Empty.ToString()]);
        var token = cursor.Encode();

        Assert.Equal(cursor.Values, ProductCursor.Decode(token, ProductSort.Name, 2)!.Values);
        Assert.Null(ProductCursor.Decode(token, ProductSort.Weight, 2));
        Assert.Null(ProductCursor.Decode("not-a-token!!", ProductSort.Name, 2));
        Assert.Null(ProductCursor.Decode(token[..^3], ProductSort.Name, 2));
        Assert.Null(ProductCursor.Decode(new string('A', 5_000), ProductSort.Name, 2));
    }
}
