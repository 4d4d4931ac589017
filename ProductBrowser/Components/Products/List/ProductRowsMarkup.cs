using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Shared;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// The product list's rows as one block of HTML. The rows carry no event handlers (a row opens through its own link),
/// and as one markup block a page of rows costs the circuit one render-tree frame instead of about 25 per row, in each
/// of the page's two render-tree buffers and in the renderer's batch buffers, for as long as the tab stays open: about
/// 80 KB per open list of 25 rows, 300 KB at 100 rows (docs/benchmarks/circuits.md). Every value is HTML-encoded.
/// </summary>
public static class ProductRowsMarkup
{
    // Encodes markup characters and quotes; leaves letters of every script readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private const string Cells = MudMarkup.TableCell;
    private const string NumericCells = MudMarkup.TableCell + " numeric";

    public static MarkupString Render(IReadOnlyList<ProductSummary> items)
    {
        var html = new StringBuilder(items.Count * 420);
        foreach (var product in items)
        {
            html.Append("<tr class=\"" + MudMarkup.TableRow + " product-row\">")
                .Append("<td data-label=\"SKU\" class=\"" + Cells + "\"><a href=\"/products/").Append(product.Id.ToString("D"))
                .Append("\" class=\"sku-link\">").Append(Encoder.Encode(product.Sku)).Append("</a></td>");
            Cell(html, "Name", Cells, product.Name);
            Cell(html, "Category", Cells, product.Category);
            Cell(html, "Weight", NumericCells, ProductFormat.Weight(product.WeightKg));
            Cell(html, "Last updated", Cells, ProductFormat.Timestamp(product.UpdatedAt));
            html.Append("</tr>");
        }

        return new MarkupString(html.ToString());
    }

    private static void Cell(StringBuilder html, string label, string classes, string text) =>
        html.Append("<td data-label=\"").Append(label).Append("\" class=\"").Append(classes).Append("\">")
            .Append(Encoder.Encode(text)).Append("</td>");
}
