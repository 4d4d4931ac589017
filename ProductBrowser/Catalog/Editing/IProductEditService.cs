namespace ProductBrowser.Catalog.Editing;

public interface IProductEditService
{
    /// <summary>Validates and saves; on success the product's cache entries are gone before this returns.</summary>
    Task<ProductSaveResult> SaveAsync(ProductEdit edit, CancellationToken cancellationToken = default);
}
