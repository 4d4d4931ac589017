namespace ProductBrowser.Catalog.List;

public interface IProductListService
{
    /// <summary>One page, by keyset: as fast on the last page as on the first.</summary>
    Task<ProductListResult> GetPageAsync(ProductListQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many products match the query's filter: exact below a cap, otherwise a bound or an estimate.</summary>
    Task<ResultCount> CountAsync(ProductListQuery query, CancellationToken cancellationToken = default);
}
