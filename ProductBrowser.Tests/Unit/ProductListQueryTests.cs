using ProductBrowser.Catalog;

namespace ProductBrowser.Tests.Unit;

public sealed class ProductListQueryTests
{
    [Theory]
    [InlineData(0, 25, 1, 25)]
    [InlineData(-3, 7, 1, 25)]
    [InlineData(4, 100, 4, 100)]
    public void PageAndPageSizeAreClampedIntoRange(int page, int size, int expectedPage, int expectedSize)
    {
        var query = new ProductListQuery(null, page, size).Normalize();

        Assert.Equal(expectedPage, query.Page);
        Assert.Equal(expectedSize, query.PageSize);
    }

    [Fact]
    public void SearchIsTrimmedStrippedOfControlCharactersAndBounded()
    {
        var query = new ProductListQuery("  ham\u0000mer\t ", 1, 25).Normalize();
        var longQuery = new ProductListQuery(new string('x', 10_000), 1, 25).Normalize();
        var blank = new ProductListQuery(" \r\n ", 1, 25).Normalize();

        Assert.Equal("hammer", query.Search);
        Assert.Equal(ProductListQuery.MaxSearchLength, longQuery.Search!.Length);
        Assert.Null(blank.Search);
    }

    [Fact]
    public void LikeWildcardsInSearchMatchThemselves()
    {
        Assert.Equal(@"100\%\_a\\b", ProductListService.EscapeLike(@"100%_a\b"));
    }
}
