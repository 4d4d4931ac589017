using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProductBrowser.Accounts;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.ScaleOut;

namespace ProductBrowser.Diagnostics;

/// <summary>
/// OpenTelemetry for logs, metrics and traces, wired the way eShop's ServiceDefaults do: the app's own meter and
/// Redis spans, ASP.NET Core, the .NET runtime and Npgsql (PostgreSQL). OTLP export when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a Prometheus scrape endpoint at <see cref="MetricsPath"/>.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    public const string ServiceName = "productbrowser";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>()
            .Bind(builder.Configuration.GetSection(TelemetryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var instance = builder.Configuration[$"{InstanceOptions.SectionName}:Name"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                ServiceName,
                serviceInstanceId: string.IsNullOrEmpty(instance) ? $"{Environment.MachineName}-{Environment.ProcessId}" : instance))
            .WithMetrics(metrics => metrics
                .AddMeter(CatalogMetrics.MeterName, RedisTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(RedisTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                    // Static files and the scrape itself are noise in a trace store.
                    options.Filter = context => !IsNoise(context.Request.Path))
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus's text format: on <see cref="TelemetryOptions.PrometheusPort"/> alone when set,
    /// otherwise for signed-in admins.
    /// </summary>
    public static WebApplication MapTelemetryEndpoints(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPort;
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (port is { } metricsPort)
        {
            endpoint.RequireHost($"*:{metricsPort}").AllowAnonymous();
        }
        else
        {
            endpoint.RequireAuthorization(AccountsExtensions.AdminPolicy);
        }

        return app;
    }

    /// <summary>On the Prometheus port only the scrape answers (404 for everything else), so the port shows no pages.</summary>
    public static WebApplication UseMetricsPortIsolation(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPort is { } port)
        {
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort == port && !context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        return app;
    }

    private static bool IsNoise(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/lib")
        || path.StartsWithSegments(MetricsPath) || Path.HasExtension(path.Value);
}
