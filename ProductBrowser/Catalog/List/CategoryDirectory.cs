using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.List;

/// <summary>
/// Categories with their counts. Counting a million rows by category takes ~100 ms, so the answer is kept in memory for
/// <see cref="Lifetime"/>: cheap enough to show counts beside every category in the filter.
/// </summary>
public sealed class CategoryDirectory(CatalogReadDbContextFactory dbFactory, IMemoryCache memory) : ICategoryDirectory
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly object CacheKey = new();

    public async Task<IReadOnlyList<CategoryOption>> GetCategoriesAsync(CancellationToken cancellationToken = default)
    {
        if (memory.TryGetValue(CacheKey, out IReadOnlyList<CategoryOption>? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Products.GroupBy(p => p.CategoryId)
            .Select(g => new { CategoryId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.CategoryId, x => x.Count, cancellationToken);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);

        IReadOnlyList<CategoryOption> options = [.. categories.Select(c => new CategoryOption(c.Id, c.Name, counts.GetValueOrDefault(c.Id)))];
        memory.Set(CacheKey, options, Lifetime);
        return options;
    }
}
