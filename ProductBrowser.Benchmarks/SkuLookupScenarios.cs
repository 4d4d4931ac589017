using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Benchmarks;

/// <summary>Warehouse lookups by SKU: cached, uncached, unknown (first and repeated), beside a raw PostgreSQL lookup.</summary>
internal sealed class SkuLookupScenarios(ServiceProvider services, int productCount, int iterations, int seed)
{
    private const string RawSelect = """
        SELECT p.id, p.sku, p.gtin, p.name, p.description, c.name, p.brand, p.weight_kg, p.length_cm, p.width_cm,
               p.height_cm, p.unit_of_measure, p.units_per_pack, p.bin_location, p.created_at, p.updated_at, p.xmin
        FROM products p JOIN categories c ON c.id = p.category_id WHERE p.sku = $1 OR p.gtin = $1
        """;

    private static void Expect(SkuLookupResult result, SkuLookupStatus status, CacheOutcome codeStep)
    {
        if (result.Status != status || result.CodeStep?.Outcome != codeStep)
        {
            throw new InvalidOperationException(
                $"Benchmark setup is wrong: expected {status}/{codeStep}, got {result.Status}/{result.CodeStep?.Outcome} for {result.Code}.");
        }
    }

    public async Task<IReadOnlyList<Latency>> RunAsync()
    {
        var generator = new DemoCatalogGenerator(seed);
        var random = new Random(2);
        var hotSku = generator.Create(1 + random.Next(productCount)).Sku;
        var coldSkus = Enumerable.Range(0, iterations + 100).Select(_ => generator.Create(1 + random.Next(productCount)).Sku).Distinct().ToArray();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        // One scope, as one Blazor circuit holds one lookup service.
        using var scope = services.CreateScope();
        var lookup = scope.ServiceProvider.GetRequiredService<ISkuLookupService>();
        ISkuLookupService Lookup() => lookup;
        var runTag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        // Each scenario measures what its name says: check the outcomes once before timing them.
        await Lookup().LookupAsync(hotSku);
        Expect(await Lookup().LookupAsync(hotSku), SkuLookupStatus.Found, CacheOutcome.Hit);
        Expect(await Lookup().LookupAsync(coldSkus[^1]), SkuLookupStatus.Found, CacheOutcome.Miss);
        Expect(await Lookup().LookupAsync("QQQ-REPEATED"), SkuLookupStatus.NotFound, CacheOutcome.Miss);
        Expect(await Lookup().LookupAsync("QQQ-REPEATED"), SkuLookupStatus.NotFound, CacheOutcome.Hit);

        return
        [
            await Latency.MeasureAsync("Raw Npgsql select by SKU (same SKU)", iterations, async _ =>
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var command = new NpgsqlCommand(RawSelect, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = hotSku });
                await command.PrepareAsync();
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
            }),
            await Latency.MeasureAsync("SKU lookup, cached SKU", iterations, async _ => await Lookup().LookupAsync(hotSku)),
            await Latency.MeasureAsync("SKU lookup, uncached SKU", iterations, async i =>
                await Lookup().LookupAsync(coldSkus[i < 0 ? coldSkus.Length + i : i]), warmup: 20),
            await Latency.MeasureAsync("SKU lookup, unknown SKU (first time)", iterations, async i =>
                await Lookup().LookupAsync(string.Create(CultureInfo.InvariantCulture, $"QQ{runTag}-{i + 100:D6}"))),
            await Latency.MeasureAsync("SKU lookup, unknown SKU (repeated)", iterations, async _ => await Lookup().LookupAsync("QQQ-REPEATED")),
        ];
    }
}
