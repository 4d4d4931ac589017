using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.List;

/// <summary>
/// Neighbours of a product in its category, by name: an index seek on (category, name, id). Cached in Redis beside the
/// product with the same TTL, so a product page read from the cache touches PostgreSQL not at all. A list depends on
/// every product of its category, so it is valid only while the category's counter (<see cref="CacheKeys.RelatedEpoch"/>)
/// is unchanged.
/// </summary>
/// <remarks>
/// Loaded from the primary, never a replica: a list holds many products, so no single row's revision can refuse a list
/// read from a replica that has not applied a change yet. Filed under the counter the change raised, such a list would
/// be served until its TTL. One query per product and TTL is little to move back to the primary.
/// </remarks>
public sealed class RelatedProductsService(
    IDbContextFactory<CatalogDbContext> dbFactory,
    CacheStore cache,
    CacheKeys keys,
    IOptions<CacheOptions> options) : IRelatedProductsService
{
    public async Task<IReadOnlyList<ProductSummary>> GetRelatedAsync(
        ProductDetails product, int count = 6, CancellationToken cancellationToken = default)
    {
        var key = keys.Related(product.Id);
        // Both reads are sent together: one round trip.
        var epochRead = cache.GetCounterAsync(keys.RelatedEpoch(product.CategoryId));
        var cached = await cache.GetAsync(key, CacheJsonContext.Default.CachedRelated);
        var epoch = await epochRead;
        if (cached.Value is { Count: var cachedCount } hit && cachedCount == count && epoch == cached.Version)
        {
            return hit.Items;
        }

        var related = await LoadAsync(product, count, cancellationToken);
        if (cached.Error is null && epoch is { } filledAt)
        {
            // Filed under the counter read before the query: a change in the category meanwhile raised it, so this
            // list is never served.
            await cache.FillAsync(key, new CachedRelated(count, related), CacheJsonContext.Default.CachedRelated, filledAt, options.Value.ProductTtl);
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
