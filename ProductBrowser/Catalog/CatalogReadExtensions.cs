using Microsoft.Extensions.Options;
using Npgsql;
using ProductBrowser.Catalog.List;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Catalog.Replication;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

public static class CatalogReadExtensions
{
    /// <summary>
    /// Catalog reads for pages and the API: product details cache-aside (with the optional in-memory tier), the list,
    /// SKU and barcode lookups, related products, the categories, the instruments that measure them, and (with a read
    /// replica) the replica's lag.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogReads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<CatalogMetrics>();
        builder.Services.AddSingleton<ProductMemoryTier>();
        builder.Services.AddSingleton<ProductLoads>();
        builder.Services.AddScoped<SessionReads>();
        builder.Services.AddScoped<IProductQueryService, ProductQueryService>();
        builder.Services.AddScoped<IProductListService, ProductListService>();
        builder.Services.AddScoped<ISkuLookupService, SkuLookupService>();
        builder.Services.AddOptions<ScanningOptions>()
            .Bind(builder.Configuration.GetSection(ScanningOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<IRelatedProductsService, RelatedProductsService>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ICategoryDirectory, CategoryDirectory>();
        builder.Services.AddSingleton(sp => new ReplicaLagSampler(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<CatalogReadDbContextFactory>().IsReplica
                ? sp.GetRequiredKeyedService<NpgsqlDataSource>(CatalogDataExtensions.ReplicaDataSource)
                : null,
            sp.GetRequiredService<IOptions<CatalogDatabaseOptions>>(),
            sp.GetRequiredService<CatalogMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReplicaLagSampler>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplicaLagSampler>());
        return builder;
    }
}
