namespace ProductBrowser.Data;

public static class CatalogStartup
{
    /// <summary>Migrates the catalog database (when <c>Database:MigrateOnStartup</c>) before the app serves requests.</summary>
    public static Task PrepareCatalogAsync(this WebApplication app) =>
        app.Services.GetRequiredService<CatalogDatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
}
