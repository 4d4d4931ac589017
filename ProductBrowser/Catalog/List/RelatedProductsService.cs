using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.List;

/// <summary>
/// Neighbours of a product in its category, by name: an index seek on (category, name, id). Cached in Redis beside the
/// product with the same TTL, so a product page read from the cache touches PostgreSQL not at all.
/// </summary>
public sealed class RelatedProductsService(
    CatalogReadDbContextFactory dbFactory,
    CacheStore cache,
    CacheKeys keys,
    IOptions<CacheOptions> options) : IRelatedProductsService
{
    public async Task<IReadOnlyList<ProductSummary>> GetRelatedAsync(
        ProductDetails product, int count = 6, CancellationToken cancellationToken = default)
    {
        var key = keys.Related(product.Id);
        var cached = await cache.GetAsync(key, CacheJsonContext.Default.CachedRelated);
        if (cached.Value is { Count: var cachedCount } hit && cachedCount == count)
        {
            return hit.Items;
        }

        var related = await LoadAsync(product, count, cancellationToken);
        if (cached.Error is null)
        {
            await cache.SetAsync(key, new CachedRelated(count, related), CacheJsonContext.Default.CachedRelated, options.Value.ProductTtl);
        }

        return related;
    }

    private async Task<IReadOnlyList<ProductSummary>> LoadAsync(ProductDetails product, int count, CancellationToken cancellationToken)
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

/// <summary>A product's related list as cached: how many were asked for, and the answer.</summary>
public sealed record CachedRelated(int Count, IReadOnlyList<ProductSummary> Items);
