using Microsoft.EntityFrameworkCore;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

/// <summary>Paged product list straight from PostgreSQL (indexed, no tracking). Search: SKU prefix or name fragment.</summary>
public sealed class ProductListService(IDbContextFactory<CatalogDbContext> dbFactory, TimeProvider time) : IProductListService
{
    public async Task<ProductListResult> GetPageAsync(ProductListQuery query, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        query = query.Normalize();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = db.Products.AsNoTracking();
        if (query.Search is { } search)
        {
            var skuPrefix = search.ToUpperInvariant();
            var namePattern = "%" + EscapeLike(search) + "%";
            products = products.Where(p => p.Sku.StartsWith(skuPrefix) || EF.Functions.ILike(p.Name, namePattern, @"\"));
        }

        var total = await products.CountAsync(cancellationToken);
        var lastPage = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        if (query.Page > lastPage)
        {
            query = query with { Page = lastPage };
        }

        var items = await products
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(ProductProjections.Summary)
            .ToListAsync(cancellationToken);

        return new ProductListResult(items, total, query, time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Makes <c>%</c>, <c>_</c> and <c>\</c> match themselves in a LIKE pattern.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
