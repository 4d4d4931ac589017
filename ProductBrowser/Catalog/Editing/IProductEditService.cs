namespace ProductBrowser.Catalog.Editing;

public interface IProductEditService
{
    /// <summary>
    /// Validates and saves as <paramref name="actor"/> (the signed-in user's name, recorded in the audit trail with
    /// the changed fields in the same transaction); on success the product's cache entries are gone before this returns.
    /// </summary>
    Task<ProductSaveResult> SaveAsync(ProductEdit edit, string actor, CancellationToken cancellationToken = default);
}
