using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;

namespace ProductBrowser.ScaleOut;

/// <summary>
/// Where Blazor keeps a persisted circuit (docs/decisions/0016-circuit-state-across-instances.md): the shared Redis, so
/// a circuit evicted after a long disconnection on one instance can be resumed on any.
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
        return builder;
    }
}
