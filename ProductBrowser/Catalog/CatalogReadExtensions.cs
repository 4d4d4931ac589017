using ProductBrowser.Catalog.Changes;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Catalog.List;
using ProductBrowser.Catalog.Lookup;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ProductBrowser.Catalog;

public static class CatalogReadExtensions
{
    public static IHostApplicationBuilder AddCatalogReads(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProductLoads>();
        builder.Services.AddSingleton<ProductBrowser.Diagnostics.CacheStatistics>();
        builder.Services.AddScoped<ProductBrowser.Diagnostics.SessionReads>();
        builder.Services.AddSingleton<ProductBrowser.Diagnostics.CacheAdministration>();
        builder.Services.AddSingleton<ProductBrowser.Diagnostics.CacheConsistencySampler>();
        builder.Services.AddSingleton<ProductCacheInvalidator>();
        builder.Services.AddSingleton<ProductChangeNotifications>();
        builder.Services.AddSingleton<ChangeFeedStatus>();
        builder.Services.AddSingleton<CatalogChangeFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogChangeFeed>());
        builder.Services.AddScoped<IProductQueryService, ProductQueryService>();
        builder.Services.AddScoped<IProductListService, ProductListService>();
        builder.Services.AddScoped<ISkuLookupService, SkuLookupService>();
        builder.Services.AddOptions<ScanningOptions>()
            .Bind(builder.Configuration.GetSection(ScanningOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<IRelatedProductsService, RelatedProductsService>();
        builder.Services.AddScoped<IProductEditService, ProductEditService>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ICategoryDirectory, CategoryDirectory>();
        return builder;
    }
}
