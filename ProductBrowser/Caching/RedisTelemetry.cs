using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ProductBrowser.Caching;

/// <summary>
/// What every Redis command costs, as standard .NET instruments (OpenTelemetry exports them; see Diagnostics): a span per
/// command on <see cref="ActivitySourceName"/>, a duration histogram by operation and outcome, and the breaker's state.
/// Recording is a few nanoseconds when nothing listens.
/// </summary>
public sealed class RedisTelemetry
{
    public const string MeterName = "ProductBrowser";
    public const string ActivitySourceName = "ProductBrowser.Redis";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly Histogram<double> _duration;

    public RedisTelemetry(IMeterFactory meters, RedisCircuitBreaker breaker)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram(
            "productbrowser.redis.duration", unit: "s", description: "Time of one Redis command, by operation and outcome (ok, error).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        meter.CreateObservableGauge(
            "productbrowser.redis.breaker.open", () => breaker.IsOpen ? 1 : 0, unit: "{state}",
            description: "1 while Redis is being skipped after repeated failures, else 0.");
    }

    /// <summary>
    /// A client span for one command inside a traced operation (a request), or null when no tracer listens or nothing
    /// is being traced: a read from a circuit's event or the change feed's background work would otherwise make a trace
    /// of one span per command, noise in a trace store and a cost on every hit.
    /// </summary>
    internal static Activity? Start(string operation)
    {
        if (Activity.Current is null || !Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"redis {operation}", ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        activity?.SetTag("db.operation.name", operation);
        return activity;
    }

    internal void Record(string operation, TimeSpan elapsed, Activity? activity, Exception? failure = null)
    {
        if (_duration.Enabled)
        {
            _duration.Record(elapsed.TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("outcome", failure is null ? "ok" : "error"));
        }

        if (activity is not null)
        {
            if (failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, RedisFailures.Describe(failure));
                activity.SetTag("error.type", failure.GetType().FullName);
            }

            activity.Dispose();
        }
    }
}
