using Microsoft.Extensions.Options;

namespace ProductBrowser.Data.Seeding;

public static class DemoCatalogExtensions
{
    public static IHostApplicationBuilder AddDemoCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoCatalogOptions>()
            .Bind(builder.Configuration.GetSection(DemoCatalogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DemoCatalogSeeder>();
        return builder;
    }

    /// <summary>In demo mode, loads the demo catalog (after the migrations) before the app serves requests.</summary>
    public static async Task SeedDemoCatalogAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DemoCatalogOptions>>().Value.Enabled)
        {
            await app.Services.GetRequiredService<DemoCatalogSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
