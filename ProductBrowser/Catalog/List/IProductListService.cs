namespace ProductBrowser.Catalog.List;

public interface IProductListService
{
    /// <summary>One page, by keyset: as fast on the last page as on the first.</summary>
    Task<ProductListResult> GetPageAsync(ProductListQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many products match the query's filter: exact below a cap, otherwise a bound or an estimate.</summary>
    Task<ResultCount> CountAsync(ProductListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many products of each category match the query's search, weights and unit, whatever its category: exact when
    /// the matches are few enough to count, the whole catalog's counts when there is nothing to match.
    /// </summary>
    Task<CategoryCounts> CountByCategoryAsync(ProductListQuery query, CancellationToken cancellationToken = default);
}
