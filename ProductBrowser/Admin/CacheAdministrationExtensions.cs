namespace ProductBrowser.Admin;

public static class CacheAdministrationExtensions
{
    /// <summary>The admin's cache tools: inspect, evict, warm, flush (each recorded in the audit trail).</summary>
    public static IHostApplicationBuilder AddCacheAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CacheAdministration>();
        return builder;
    }
}
