namespace ProductBrowser.Catalog.List;

public interface IRelatedProductsService
{
    /// <summary>A few products of the same category, next to this one by name (an index seek, not a scan).</summary>
    Task<IReadOnlyList<ProductSummary>> GetRelatedAsync(ProductDetails product, int count = 6, CancellationToken cancellationToken = default);
}
