using Microsoft.Extensions.DependencyInjection.Extensions;
using ProductBrowser.Admin;
using ProductBrowser.Audit;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;

namespace ProductBrowser;

/// <summary>
/// Everything behind the pages, feature by feature, in the one order the app, its tests and its benchmarks all use:
/// each <c>AddXxx</c> registers its own feature and nothing else.
/// </summary>
public static class CatalogBackend
{
    public static IHostApplicationBuilder AddCatalogBackend(this IHostApplicationBuilder builder)
    {
        // The one clock (a test registers a fake one first).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddCatalogData();
        builder.AddAuditTrail();
        builder.AddDemoCatalog();
        builder.AddRedisCache();
        builder.AddCatalogReads();
        builder.AddCatalogChangeFeed();
        builder.AddProductEditing();
        builder.AddCacheAdministration();
        builder.AddDiagnostics();
        return builder;
    }
}
