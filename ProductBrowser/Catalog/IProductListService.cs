namespace ProductBrowser.Catalog;

public interface IProductListService
{
    Task<ProductListResult> GetPageAsync(ProductListQuery query, CancellationToken cancellationToken = default);
}
