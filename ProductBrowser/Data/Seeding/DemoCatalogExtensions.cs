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
}
