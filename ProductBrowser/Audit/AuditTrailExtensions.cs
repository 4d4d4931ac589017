namespace ProductBrowser.Audit;

public static class AuditTrailExtensions
{
    /// <summary>The audit trail: its writer, its reader for the admin pages, and the hourly pruning (decision 14).</summary>
    public static IHostApplicationBuilder AddAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>()
            .Bind(builder.Configuration.GetSection(AuditOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddScoped<IAuditQueryService, AuditQueryService>();
        builder.Services.AddSingleton<AuditRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditRetention>());
        return builder;
    }
}
