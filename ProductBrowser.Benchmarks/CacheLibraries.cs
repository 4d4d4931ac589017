using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Data;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace ProductBrowser.Benchmarks;

/// <summary>
/// Microsoft HybridCache and FusionCache, each with the same Redis as their distributed tier and the same EF load as
/// the service's miss path, so their hits and misses can be measured beside <see cref="IProductQueryService"/>.
/// </summary>
internal sealed class CacheLibraries : IAsyncDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private static readonly HybridCacheEntryOptions NoLocal = new() { Expiration = Ttl, Flags = HybridCacheEntryFlags.DisableLocalCache };
    private static readonly FusionCacheEntryOptions L1Off = new() { Duration = Ttl, SkipMemoryCacheRead = true, SkipMemoryCacheWrite = true };
    private static readonly FusionCacheEntryOptions L1On = new() { Duration = Ttl };

    private readonly ServiceProvider _provider;
    private readonly HybridCache _hybrid;
    private readonly IFusionCache _fusion;
    private readonly IDbContextFactory<CatalogDbContext> _dbFactory;
    private readonly string _prefix = $"benchlib{Guid.NewGuid():N}"[..16] + ":";

    public CacheLibraries(ServiceProvider app)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // A connection of its own: RedisCache disposes the multiplexer it uses when the provider is disposed.
        var redisConnection = app.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProductBrowser.Caching.RedisConnectionOptions>>().Value.ConnectionString;
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = redisConnection;
            o.InstanceName = _prefix;
        });
        services.AddHybridCache(o => o.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = Ttl, LocalCacheExpiration = Ttl });
        services.AddFusionCache()
            .WithSerializer(new FusionCacheSystemTextJsonSerializer())
            .WithRegisteredDistributedCache()
            .WithDefaultEntryOptions(new FusionCacheEntryOptions { Duration = Ttl });
        _provider = services.BuildServiceProvider();
        _hybrid = _provider.GetRequiredService<HybridCache>();
        _fusion = _provider.GetRequiredService<IFusionCache>();
        _dbFactory = app.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
    }

    /// <summary>HybridCache read; <paramref name="localCache"/> turns its in-process tier on.</summary>
    public async Task HybridAsync(Guid id, bool localCache) =>
        await _hybrid.GetOrCreateAsync($"product:{id}", (id, Libraries: this),
            static async (state, ct) => await state.Libraries.LoadAsync(state.id, ct), localCache ? null : NoLocal);

    public async Task HybridRemoveAsync(Guid id) => await _hybrid.RemoveAsync($"product:{id}");

    /// <summary>FusionCache read; <paramref name="l1"/> turns its in-process tier on.</summary>
    public async Task FusionAsync(Guid id, bool l1) =>
        await _fusion.GetOrSetAsync<ProductDetails?>($"product:{id}", async (_, ct) => await LoadAsync(id, ct), default, l1 ? L1On : L1Off);

    public async Task FusionRemoveAsync(Guid id) => await _fusion.RemoveAsync($"product:{id}", L1Off);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private async Task<ProductDetails?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().Where(p => p.Id == id).Select(ProductProjections.Details).FirstOrDefaultAsync(cancellationToken);
    }
}
