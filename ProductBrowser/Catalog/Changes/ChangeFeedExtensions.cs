namespace ProductBrowser.Catalog.Changes;

public static class ChangeFeedExtensions
{
    /// <summary>The durable change feed (decision 10) and what applies its changes to the cache, on every instance.</summary>
    public static IHostApplicationBuilder AddCatalogChangeFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProductCacheInvalidator>();
        builder.Services.AddSingleton<ProductChangeNotifications>();
        builder.Services.AddSingleton<ChangeFeedStatus>();
        builder.Services.AddSingleton<CatalogChangeFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogChangeFeed>());
        return builder;
    }
}
