using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProductBrowser.Diagnostics;

public static class DiagnosticsExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>
    /// What operators and admins watch: the health checks, the dashboard's read figures (from the catalog's instruments,
    /// listened to from start-up) and the cache consistency check.
    /// </summary>
    public static IHostApplicationBuilder AddDiagnostics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CacheStatistics>();
        // Resolved at start so the dashboard counts every read from the first one.
        builder.Services.AddHostedService<ListenFromStart>();
        builder.Services.AddSingleton<CacheConsistencySampler>();
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag])
            .AddCheck<ChangeFeedHealthCheck>("change-feed", tags: [ReadyTag])
            .AddCheck<ReplicaLagHealthCheck>("replica-lag", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>Resolving it creates the statistics, whose listener then sees every read that follows.</summary>
    private sealed class ListenFromStart(CacheStatistics statistics) : IHostedService
    {
        public CacheStatistics Statistics { get; } = statistics;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary><c>/alive</c>: the process answers. <c>/health</c>: PostgreSQL, Redis, the change feed and the replica's lag, as JSON without secrets.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJsonAsync,
        }).AllowAnonymous();
        return app;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
