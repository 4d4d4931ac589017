using System.Globalization;
using ProductBrowser.Catalog.List;

namespace ProductBrowser.Components.Products.List;

/// <summary>What the paging bar says: "25 shown of 1,234 products", "Page 3 of about 50".</summary>
public static class ListPagingText
{
    public static string Summary(ProductListResult result, ResultCount? total)
    {
        var shown = result.Items.Count == 1 ? "1 product shown" : string.Create(CultureInfo.InvariantCulture, $"{result.Items.Count:N0} shown");
        return total is null ? shown : $"{shown} of {total.Describe()}";
    }

    /// <summary>A page without a number says only whether it is the last one.</summary>
    public static string PageLabel(ProductListResult result, ResultCount? total, int? lastPageNumber) => result.PageNumber switch
    {
        { } n when lastPageNumber is { } last && total?.Kind == CountKind.Exact => string.Create(CultureInfo.InvariantCulture, $"Page {n:N0} of {last:N0}"),
        { } n when lastPageNumber is { } last => string.Create(CultureInfo.InvariantCulture, $"Page {n:N0} of about {last:N0}"),
        { } n => string.Create(CultureInfo.InvariantCulture, $"Page {n:N0}"),
        null when !result.HasNext => "Last page",
        _ => "Earlier page",
    };
}
