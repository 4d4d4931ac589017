using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Products.List;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Unit;

public sealed class ProductRowsMarkupTests
{
    private static ProductSummary Product(string sku, string name, string category) => new(
        Guid.Parse("20000000-0000-0000-0000-000000000042"), sku, name, 3, category, 1.5m, UnitOfMeasure.Each,
        new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero));

    [Fact]
    public void EveryValueIsShownAsTextNeverAsMarkup()
    {
        var html = ProductRowsMarkup.Render([Product("SKU\"><b>1", "<script>alert('x')</script> & Sons", "Tools</td><td>")]).Value;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tools</td><td>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Sons", html, StringComparison.Ordinal);
        Assert.Contains("SKU&quot;&gt;&lt;b&gt;1</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EachRowLinksToItsProductWithItsCellsLabelled()
    {
        var html = ProductRowsMarkup.Render([Product("HTL-0000042", "Schraubendreher – Größe 2", "Hand Tools"), Product("B", "C", "D")]).Value;

        Assert.Equal(2, html.Split("<tr class=\"mud-table-row product-row\">").Length - 1);
        Assert.Contains("<a href=\"/products/20000000-0000-0000-0000-000000000042\" class=\"sku-link\">HTL-0000042</a>", html, StringComparison.Ordinal);
        Assert.Contains(">Schraubendreher – Größe 2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"Weight\" class=\"mud-table-cell numeric\">1.5 kg</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"Last updated\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NoProductsAreNoRows() => Assert.Equal("", ProductRowsMarkup.Render([]).Value);
}
