using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace ProductBrowser.Benchmarks;

/// <summary>
/// Microsoft HybridCache and FusionCache, each with the same Redis as their distributed tier and the same EF load, beside
/// ProductQueryService: hits (distributed only, and with their in-memory tier) and misses.
/// </summary>
internal sealed class CacheLibraryScenarios(ServiceProvider app, int productCount, int iterations)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<Latency>> RunAsync()
    {
        var prefix = $"benchlib{Guid.NewGuid():N}"[..16] + ":";
        var services = new ServiceCollection();
        services.AddLogging();
        // A connection of its own: RedisCache disposes the multiplexer it uses when the provider is disposed.
        var redisConnection = app.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProductBrowser.Caching.RedisConnectionOptions>>().Value.ConnectionString;
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = redisConnection;
            o.InstanceName = prefix;
        });
        services.AddHybridCache(o => o.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = Ttl, LocalCacheExpiration = Ttl });
        services.AddFusionCache()
            .WithSerializer(new FusionCacheSystemTextJsonSerializer())
            .WithRegisteredDistributedCache()
            .WithDefaultEntryOptions(new FusionCacheEntryOptions { Duration = Ttl });
        await using var provider = services.BuildServiceProvider();
        var hybrid = provider.GetRequiredService<HybridCache>();
        var fusion = provider.GetRequiredService<IFusionCache>();
        var dbFactory = app.GetRequiredService<IDbContextFactory<CatalogDbContext>>();

        async Task<ProductDetails?> LoadAsync(Guid id, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Products.AsNoTracking().Where(p => p.Id == id).Select(ProductProjections.Details).FirstOrDefaultAsync(cancellationToken);
        }

        var random = new Random(11);
        var hot = DemoCatalogGenerator.IdFor(1 + random.Next(productCount));
        Guid[] Cold() => [.. Enumerable.Range(0, iterations + 100).Select(_ => DemoCatalogGenerator.IdFor(1 + random.Next(productCount)))];
        var noLocal = new HybridCacheEntryOptions { Expiration = Ttl, Flags = HybridCacheEntryFlags.DisableLocalCache };
        var l1Off = new FusionCacheEntryOptions { Duration = Ttl, SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true };
        var l1On = new FusionCacheEntryOptions { Duration = Ttl };

        // HybridCache's factory must be a static-friendly lambda: capture the loader through state.
        ValueTask<ProductDetails?> HybridLoad(Guid id, HybridCacheEntryOptions? options) =>
            hybrid.GetOrCreateAsync($"product:{id}", (id, LoadAsync: (Func<Guid, CancellationToken, Task<ProductDetails?>>)LoadAsync),
                static async (state, ct) => await state.LoadAsync(state.id, ct), options);

        Task<ProductDetails?> Fusion(Guid id, FusionCacheEntryOptions options) =>
            fusion.GetOrSetAsync<ProductDetails?>($"product:{id}", async (_, ct) => await LoadAsync(id, ct), default, options).AsTask();

        await HybridLoad(hot, noLocal);
        await Fusion(hot, l1Off);
        var coldHybrid = Cold();
        var coldFusion = Cold();

        return
        [
            await Latency.MeasureAsync("HybridCache hit (Redis, local cache off)", iterations, async _ => await HybridLoad(hot, noLocal)),
            await Latency.MeasureAsync("HybridCache hit (local cache on)", iterations, async _ => await HybridLoad(hot, null)),
            await Latency.MeasureAsync("HybridCache miss", iterations, async i => await HybridLoad(coldHybrid[i < 0 ? coldHybrid.Length + i : i], noLocal), warmup: 20),
            await Latency.MeasureAsync("FusionCache hit (Redis, L1 off)", iterations, async _ => await Fusion(hot, l1Off)),
            await Latency.MeasureAsync("FusionCache hit (L1 on)", iterations, async _ => await Fusion(hot, l1On)),
            await Latency.MeasureAsync("FusionCache miss (L1 off)", iterations, async i => await Fusion(coldFusion[i < 0 ? coldFusion.Length + i : i], l1Off), warmup: 20),
        ];
    }
}
