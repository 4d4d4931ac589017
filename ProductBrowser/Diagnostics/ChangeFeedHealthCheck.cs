using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductBrowser.Catalog.Changes;

namespace ProductBrowser.Diagnostics;

/// <summary>
/// Degraded when this instance's change feed has had changes it could not apply for longer than <see cref="Bound"/>, or
/// when recent changes took longer than that to apply: the freshness promise is at risk. Never Unhealthy: reads still work.
/// </summary>
internal sealed class ChangeFeedHealthCheck(ChangeFeedStatus status, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.Running)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The change feed is off (Cache:ListenForChanges); entries live for their TTL."));
        }

        if (status.FailingSince is { } since && time.GetUtcNow() - since > Bound)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{status.Backlog:N0} catalog changes not applied for {(time.GetUtcNow() - since).TotalSeconds:N0} s: {status.LastError}"));
        }

        if (status.Lag() is { } lag && lag.P99 > Bound.TotalMilliseconds)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"Invalidation lag p99 {lag.P99:N0} ms is above {Bound.TotalMilliseconds:N0} ms (p50 {lag.P50:N0} ms)."));
        }

        return Task.FromResult(HealthCheckResult.Healthy(status.Lag() is { } recent
            ? $"Applied up to change {status.Position:N0}; lag p50 {recent.P50:N0} ms, p99 {recent.P99:N0} ms."
            : $"Applied up to change {status.Position:N0}."));
    }
}
