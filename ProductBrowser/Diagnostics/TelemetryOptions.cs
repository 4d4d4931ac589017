using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.Diagnostics;

/// <summary>Bound from the <c>Telemetry</c> section. OTLP export is switched on by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The Prometheus scrape endpoint's port. When set, <c>/metrics</c> answers there without sign-in and nothing else
    /// does (put the port on the monitoring network only; it must be one the app listens on, e.g. in
    /// <c>ASPNETCORE_URLS</c>). When not set, <c>/metrics</c> answers signed-in admins only.
    /// </summary>
    [Range(1, 65_535, ErrorMessage = "Telemetry:PrometheusPort must be a TCP port (1-65535).")]
    public int? PrometheusPort { get; set; }
}
