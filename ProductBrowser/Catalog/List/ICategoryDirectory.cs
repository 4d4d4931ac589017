namespace ProductBrowser.Catalog.List;

public interface ICategoryDirectory
{
    /// <summary>All categories, A to Z, with their product counts (recomputed every few minutes, not per request).</summary>
    Task<IReadOnlyList<CategoryOption>> GetCategoriesAsync(CancellationToken cancellationToken = default);
}
