using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;

namespace ProductBrowser.ScaleOut;

/// <summary>
/// What lets a user's page survive the loss of its instance (docs/decisions/0015-circuit-state-across-instances.md):
/// persisted circuits in the shared Redis, browsers asked to pause when an instance stops gracefully, and a stopping
/// instance that sends resumed circuits elsewhere.
/// </summary>
public static class CircuitPersistenceExtensions
{
    public static IHostApplicationBuilder AddCircuitPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CircuitPersistenceOptions>()
            .Bind(builder.Configuration.GetSection(CircuitPersistenceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddCircuitStateCache();
        builder.Services.AddOptions<CircuitOptions>()
            .Configure<IOptions<CircuitPersistenceOptions>>((options, persistence) =>
            {
                // The HybridCache registered above becomes CircuitOptions.HybridPersistenceCache (the framework's
                // post-configuration); both tiers keep a persisted circuit equally long.
                options.PersistedCircuitDistributedRetentionPeriod = persistence.Value.PersistedRetention;
                options.PersistedCircuitInMemoryRetentionPeriod = persistence.Value.PersistedRetention;
            });

        builder.Services.AddSingleton<OpenCircuits>();
        builder.Services.AddSingleton<CircuitDraining>();
        builder.Services.AddScoped<CircuitHandler, OpenCircuitsHandler>();
        builder.Services.AddHostedService<CircuitPauseOnShutdown>();
        return builder;
    }

    /// <summary>While this instance stops, its Blazor hub refuses new and resumed circuits (503).</summary>
    public static WebApplication UseCircuitDraining(this WebApplication app)
    {
        var draining = app.Services.GetRequiredService<CircuitDraining>();
        app.Use((context, next) =>
        {
            if (draining.IsDraining && context.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
