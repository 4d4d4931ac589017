using Microsoft.EntityFrameworkCore;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.List;

public sealed class RelatedProductsService(IDbContextFactory<CatalogDbContext> dbFactory) : IRelatedProductsService
{
    public async Task<IReadOnlyList<ProductSummary>> GetRelatedAsync(
        ProductDetails product, int count = 6, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inCategory = db.Products.AsNoTracking().Where(p => p.CategoryId == product.CategoryId && p.Id != product.Id);

        var following = await inCategory
            .Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.Name, p.Id), ValueTuple.Create(product.Name, product.Id)))
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Take(count)
            .Select(ProductProjections.Summary)
            .ToListAsync(cancellationToken);
        if (following.Count == count)
        {
            return following;
        }

        // The end of the category: wrap around to its first products.
        var wrapped = await inCategory.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Take(count - following.Count)
            .Select(ProductProjections.Summary)
            .ToListAsync(cancellationToken);
        return [.. following, .. wrapped.Where(w => following.All(f => f.Id != w.Id))];
    }
}
