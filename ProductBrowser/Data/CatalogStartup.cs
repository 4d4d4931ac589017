using Microsoft.Extensions.Options;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Data;

public static class CatalogStartup
{
    /// <summary>Migrates the catalog database and, in demo mode, loads the demo catalog before the app serves requests.</summary>
    public static async Task PrepareCatalogAsync(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        await app.Services.GetRequiredService<CatalogDatabaseMigrator>().MigrateAsync(stopping);

        if (app.Services.GetRequiredService<IOptions<DemoCatalogOptions>>().Value.Enabled)
        {
            await app.Services.GetRequiredService<DemoCatalogSeeder>().SeedAsync(stopping);
        }
    }
}
