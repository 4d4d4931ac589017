namespace ProductBrowser.Components.Products;

/// <summary>
/// The last product list this user looked at (one per circuit), so a product page can lead back to exactly those
/// results, whatever way the product was reached.
/// </summary>
public sealed class ListReturnState
{
    public string? LastListUri { get; set; }
}
