using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog.List;

/// <summary>
/// The product list straight from PostgreSQL: trigram-indexed search, filters, one index per sort order and keyset
/// paging (seek from the edge row of the current page), so every page costs about the same. No tracking, one short
/// context per call. Totals are counted up to <see cref="CountCap"/> (cheap: a few milliseconds) and bounded above it;
/// a category alone is counted by the <see cref="ICategoryDirectory"/>, which the category filter shows too.
/// </summary>
public sealed class ProductListService(CatalogReadDbContextFactory dbFactory, ICategoryDirectory categories, TimeProvider time)
    : IProductListService
{
    public const int CountCap = 1_000;

    public async Task<ProductListResult> GetPageAsync(ProductListQuery query, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        query = query.Normalize(out var notices);
        var sort = query.EffectiveSort;
        var position = query.EffectivePosition;
        var cursor = position.Kind is PageKind.After or PageKind.Before
            ? ProductCursor.Decode(position.Cursor, sort, KeyLength(sort))
            : null;
        if (position.Kind is PageKind.After or PageKind.Before && cursor is null)
        {
            position = PagePosition.First;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var take = await PageLengthAsync(db, query, position.Kind, cancellationToken);
        var rows = await FetchAsync(db, query, sort, position.Kind, cursor, take, cancellationToken);

        // A cursor past either end (rows deleted since, or a hand-edited link) shows the nearest real page instead.
        if (rows.Count == 0 && position.Kind is PageKind.After or PageKind.Before)
        {
            position = position.Kind == PageKind.After ? new PagePosition(PageKind.Last) : PagePosition.First;
            take = await PageLengthAsync(db, query, position.Kind, cancellationToken);
            rows = await FetchAsync(db, query, sort, position.Kind, null, take, cancellationToken);
        }

        var more = rows.Count > take;
        var page = rows.Take(take).ToList();
        var backwards = position.Kind is PageKind.Before or PageKind.Last;
        if (backwards)
        {
            page.Reverse();
        }

        var (hasPrevious, hasNext) = position.Kind switch
        {
            PageKind.First => (false, more),
            PageKind.After => (true, more),
            PageKind.Before => (more, true),
            _ => (more, false),
        };

        var items = page;
        if (sort == ProductSort.Relevance && !hasPrevious && ExactCode(query) is { } exact)
        {
            // The product whose SKU or barcode is exactly the search leads the first page, above the name order.
            var pinned = await Filtered(db, query).Where(p => p.Sku == exact || p.Gtin == exact)
                .OrderBy(p => p.Sku).Select(ProductProjections.Summary).ToListAsync(cancellationToken);
            items.InsertRange(0, pinned);
        }

        query = query with { Position = position };
        if (items.Count == 0 && query.CategoryId is { } categoryId
            && !(await categories.GetCategoriesAsync(cancellationToken)).Any(c => c.Id == categoryId))
        {
            // A link to a category that is gone (or never was): say so rather than show an empty list with a blank box.
            notices = [.. notices, string.Create(CultureInfo.InvariantCulture, $"There is no category {categoryId}; choose another or clear the category filter.")];
        }

        return new ProductListResult(
            items,
            query,
            hasPrevious,
            hasNext,
            page.Count > 0 ? Key(sort, page[0]).Encode() : null,
            page.Count > 0 ? Key(sort, page[^1]).Encode() : null,
            time.GetElapsedTime(started).TotalMilliseconds,
            notices)
        {
            PageNumber = position.Kind switch
            {
                PageKind.First => 1,
                _ when !hasPrevious => 1,
                _ => position.PageNumber > 0 ? position.PageNumber : null,
            },
        };
    }

    public async Task<ResultCount> CountAsync(ProductListQuery query, CancellationToken cancellationToken = default)
    {
        query = query.Normalize(out _);
        if (await CategoryOnlyCountAsync(query, cancellationToken) is { } inCategory)
        {
            return new ResultCount(inCategory, CountKind.Exact);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!query.HasFilters)
        {
            // The whole catalog: PostgreSQL's statistics answer at once; a count would read a million index entries.
            var estimate = await db.Database
                .SqlQueryRaw<long>("SELECT greatest(reltuples, 0)::bigint AS \"Value\" FROM pg_class WHERE oid = 'products'::regclass")
                .SingleAsync(cancellationToken);
            if (estimate > CountCap)
            {
                return new ResultCount(estimate, CountKind.Estimate);
            }
        }

        var count = await Filtered(db, query).Take(CountCap + 1).CountAsync(cancellationToken);
        return count > CountCap ? new ResultCount(CountCap, CountKind.AtLeast) : new ResultCount(count, CountKind.Exact);
    }

    public async Task<CategoryCounts> CountByCategoryAsync(ProductListQuery query, CancellationToken cancellationToken = default)
    {
        query = query.Normalize(out _) with { CategoryId = null };
        if (!query.HasFilters)
        {
            var all = await categories.GetCategoriesAsync(cancellationToken);
            return new CategoryCounts(CategoryCountScope.Catalog, all.ToDictionary(c => c.Id, c => c.ProductCount));
        }

        // The capped count's bounded scan (at most CountCap + 1 rows), grouped: no dearer than the total it stands for.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await Filtered(db, query).Take(CountCap + 1)
            .GroupBy(p => p.CategoryId)
            .Select(g => new { CategoryId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.CategoryId, x => x.Count, cancellationToken);
        return counts.Values.Sum() > CountCap ? CategoryCounts.TooMany : new CategoryCounts(CategoryCountScope.Matches, counts);
    }

    /// <summary>
    /// A query with nothing but a category is counted by the directory, as the category filter shows it: exact however
    /// large the category, and free.
    /// </summary>
    private async Task<long?> CategoryOnlyCountAsync(ProductListQuery query, CancellationToken cancellationToken) =>
        query.HasOnlyCategory
            ? (await categories.GetCategoriesAsync(cancellationToken)).FirstOrDefault(c => c.Id == query.CategoryId)?.ProductCount ?? 0
            : null;

    /// <summary>
    /// Rows on the page. The last page of a result small enough to count (or of a category alone) holds the remainder,
    /// so it lines up with the pages reached from the front; a larger result's last page simply holds the last rows.
    /// </summary>
    private async Task<int> PageLengthAsync(CatalogDbContext db, ProductListQuery query, PageKind kind, CancellationToken cancellationToken)
    {
        if (kind != PageKind.Last)
        {
            return query.PageSize;
        }

        if (await CategoryOnlyCountAsync(query, cancellationToken) is not { } count)
        {
            var capped = await Filtered(db, query).Take(CountCap + 1).CountAsync(cancellationToken);
            if (capped > CountCap)
            {
                return query.PageSize;
            }

            count = capped;
        }

        var remainder = (int)(count % query.PageSize);
        return remainder == 0 ? query.PageSize : remainder;
    }

    private static IQueryable<Product> Filtered(CatalogDbContext db, ProductListQuery query)
    {
        var products = db.Products.AsNoTracking();
        foreach (var term in query.SearchTerms)
        {
            var pattern = "%" + EscapeLike(term.ToLowerInvariant()) + "%";
            products = products.Where(p => EF.Functions.Like(EF.Property<string>(p, ProductConfiguration.SearchTextColumn), pattern, @"\"));
        }

        if (query.CategoryId is { } categoryId)
        {
            products = products.Where(p => p.CategoryId == categoryId);
        }

        if (query.MinWeightKg is { } min)
        {
            products = products.Where(p => p.WeightKg >= min);
        }

        if (query.MaxWeightKg is { } max)
        {
            products = products.Where(p => p.WeightKg <= max);
        }

        if (query.Unit is { } unit)
        {
            products = products.Where(p => p.UnitOfMeasure == unit);
        }

        return products;
    }

    private static async Task<List<ProductSummary>> FetchAsync(
        CatalogDbContext db, ProductListQuery query, ProductSort sort, PageKind kind, ProductCursor? cursor, int take,
        CancellationToken cancellationToken)
    {
        var products = Filtered(db, query);
        // Walking backwards (previous page, last page) reads the same index in the other direction.
        var descending = query.Descending ^ (kind is PageKind.Before or PageKind.Last);
        var ordered = sort switch
        {
            ProductSort.Sku => BySku(products, cursor, descending),
            ProductSort.Weight => ByWeight(products, cursor, descending),
            ProductSort.Category => ByCategory(products, cursor, descending),
            ProductSort.Updated => ByUpdated(products, cursor, descending),
            ProductSort.Relevance => ByName(WithoutExactCode(products, query), cursor, descending),
            _ => ByName(products, cursor, descending),
        };

        return await ordered
            .Take(take + 1)
            .Select(ProductProjections.Summary)
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<Product> ByName(IQueryable<Product> q, ProductCursor? c, bool desc)
    {
        if (c?.GuidAt(1) is { } id)
        {
            var name = c.StringAt(0);
            q = desc
                ? q.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.Name, p.Id), ValueTuple.Create(name, id)))
                : q.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.Name, p.Id), ValueTuple.Create(name, id)));
        }

        return desc ? q.OrderByDescending(p => p.Name).ThenByDescending(p => p.Id) : q.OrderBy(p => p.Name).ThenBy(p => p.Id);
    }

    private static IQueryable<Product> BySku(IQueryable<Product> q, ProductCursor? c, bool desc)
    {
        if (c is not null)
        {
            var sku = c.StringAt(0);
            q = desc ? q.Where(p => p.Sku.CompareTo(sku) < 0) : q.Where(p => p.Sku.CompareTo(sku) > 0);
        }

        return desc ? q.OrderByDescending(p => p.Sku) : q.OrderBy(p => p.Sku);
    }

    private static IQueryable<Product> ByWeight(IQueryable<Product> q, ProductCursor? c, bool desc)
    {
        if (c?.DecimalAt(0) is { } weight && c.GuidAt(1) is { } id)
        {
            q = desc
                ? q.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.WeightKg, p.Id), ValueTuple.Create(weight, id)))
                : q.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.WeightKg, p.Id), ValueTuple.Create(weight, id)));
        }

        return desc ? q.OrderByDescending(p => p.WeightKg).ThenByDescending(p => p.Id) : q.OrderBy(p => p.WeightKg).ThenBy(p => p.Id);
    }

    private static IQueryable<Product> ByCategory(IQueryable<Product> q, ProductCursor? c, bool desc)
    {
        if (c?.IntAt(0) is { } category && c.GuidAt(2) is { } id)
        {
            var name = c.StringAt(1);
            q = desc
                ? q.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.CategoryId, p.Name, p.Id), ValueTuple.Create(category, name, id)))
                : q.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.CategoryId, p.Name, p.Id), ValueTuple.Create(category, name, id)));
        }

        return desc
            ? q.OrderByDescending(p => p.CategoryId).ThenByDescending(p => p.Name).ThenByDescending(p => p.Id)
            : q.OrderBy(p => p.CategoryId).ThenBy(p => p.Name).ThenBy(p => p.Id);
    }

    private static IQueryable<Product> ByUpdated(IQueryable<Product> q, ProductCursor? c, bool desc)
    {
        if (c?.TimestampAt(0) is { } updated && c.GuidAt(1) is { } id)
        {
            q = desc
                ? q.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.UpdatedAt, p.Id), ValueTuple.Create(updated, id)))
                : q.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.UpdatedAt, p.Id), ValueTuple.Create(updated, id)));
        }

        return desc ? q.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id) : q.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id);
    }

    /// <summary>The search as a SKU or barcode, when it is a single code-like word.</summary>
    private static string? ExactCode(ProductListQuery query) =>
        query.Search is { } search && !search.Contains(' ', StringComparison.Ordinal) ? search.ToUpperInvariant() : null;

    /// <summary>Relevance lists the exact SKU or barcode match first (pinned), then every other match by name.</summary>
    private static IQueryable<Product> WithoutExactCode(IQueryable<Product> products, ProductListQuery query) =>
        ExactCode(query) is { } exact ? products.Where(p => p.Sku != exact && (p.Gtin == null || p.Gtin != exact)) : products;

    private static int KeyLength(ProductSort sort) => sort switch
    {
        ProductSort.Sku => 1,
        ProductSort.Category => 3,
        _ => 2,
    };

    private static ProductCursor Key(ProductSort sort, ProductSummary p)
    {
        var id = p.Id.ToString("D");
        return new ProductCursor(sort, sort switch
        {
            ProductSort.Sku => [p.Sku],
            ProductSort.Weight => [p.WeightKg.ToString(CultureInfo.InvariantCulture), id],
            ProductSort.Category => [p.CategoryId.ToString(CultureInfo.InvariantCulture), p.Name, id],
            ProductSort.Updated => [p.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), id],
            _ => [p.Name, id],
        });
    }

    /// <summary>Makes <c>%</c>, <c>_</c> and <c>\</c> match themselves in a LIKE pattern.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
