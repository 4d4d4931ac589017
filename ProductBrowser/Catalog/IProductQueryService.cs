namespace ProductBrowser.Catalog;

/// <summary>Product reads for the UI. Never throws for "not found" or for a cache or database outage.</summary>
public interface IProductQueryService
{
    Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default);
}
