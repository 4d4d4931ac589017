using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProductBrowser.Catalog.List;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Benchmarks;

/// <summary>The staff list at a million rows: first and deep pages, searches, filters and every sort, with plans.</summary>
internal sealed class ListScenarios(ServiceProvider services, PlanCapture plans, int iterations, int seed, string plansFolder)
{
    public async Task<IReadOnlyList<Latency>> RunAsync()
    {
        using var scope = services.CreateScope();
        var list = scope.ServiceProvider.GetRequiredService<IProductListService>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var rareGtin = new DemoCatalogGenerator(seed).Create(424_242).Gtin!;

        var last = await list.GetPageAsync(new ProductListQuery(Position: new PagePosition(PageKind.Last)));
        var deep = new PagePosition(PageKind.Before, last.FirstCursor, 39_999);
        var cases = new (string Name, ProductListQuery Query)[]
        {
            ("First page (by name)", new ProductListQuery()),
            ("Last page (page 40 000 at 25 a page)", new ProductListQuery(Position: new PagePosition(PageKind.Last))),
            ("Page 39 999 (keyset from the last page)", new ProductListQuery(Position: deep)),
            ("Common term: \"hammer\" (relevance)", new ProductListQuery("hammer")),
            ("Common term, page 2", await NextAsync(list, new ProductListQuery("hammer"))),
            ("Rare term: one barcode", new ProductListQuery(rareGtin)),
            ("Two words: \"cobalt threadlocker\"", new ProductListQuery("cobalt threadlocker")),
            ("Category + weight 1-5 kg", new ProductListQuery(CategoryId: 7, MinWeightKg: 1, MaxWeightKg: 5)),
            ("Sort by SKU", new ProductListQuery(Sort: ProductSort.Sku)),
            ("Sort by weight, descending", new ProductListQuery(Sort: ProductSort.Weight, Descending: true)),
            ("Sort by category", new ProductListQuery(Sort: ProductSort.Category)),
            ("Sort by last updated, descending", new ProductListQuery(Sort: ProductSort.Updated, Descending: true)),
            ("Category + weight, sorted by weight, page 2", await NextAsync(list, new ProductListQuery(CategoryId: 7, MinWeightKg: 1, MaxWeightKg: 5, Sort: ProductSort.Weight))),
        };

        Directory.CreateDirectory(plansFolder);
        var results = new List<Latency>();
        foreach (var (name, query) in cases)
        {
            results.Add(await Latency.MeasureAsync("List: " + name, iterations, async _ => await list.GetPageAsync(query), warmup: 10));
            var plan = await plans.ExplainAsync(dataSource, () => list.GetPageAsync(query));
            await File.WriteAllTextAsync(Path.Combine(plansFolder, Slug(name) + ".txt"), $"-- {name}{Environment.NewLine}{plan}");
        }

        var counts = new (string Name, ProductListQuery Query)[]
        {
            ("Count: whole catalog (estimate)", new ProductListQuery()),
            ("Count: \"hammer\" (capped at 1 000)", new ProductListQuery("hammer")),
            ("Count: category + weight (capped)", new ProductListQuery(CategoryId: 7, MinWeightKg: 1, MaxWeightKg: 5)),
        };
        foreach (var (name, query) in counts)
        {
            results.Add(await Latency.MeasureAsync(name, iterations, async _ => await list.CountAsync(query), warmup: 10));
            var plan = await plans.ExplainAsync(dataSource, () => list.CountAsync(query));
            await File.WriteAllTextAsync(Path.Combine(plansFolder, Slug(name) + ".txt"), $"-- {name}{Environment.NewLine}{plan}");
        }

        return results;
    }

    private static async Task<ProductListQuery> NextAsync(IProductListService list, ProductListQuery query)
    {
        var first = await list.GetPageAsync(query);
        return query with { Position = new PagePosition(PageKind.After, first.LastCursor, 2) };
    }

    private static string Slug(string name) =>
        new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-", StringComparison.Ordinal);
}
