using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductBrowser.Catalog.Replication;

namespace ProductBrowser.Diagnostics;

/// <summary>
/// The read replica's measured lag, in <c>/health</c> and on the dashboard. Degraded (not unhealthy: reads still work,
/// the version rule keeps the cache right) when the lag cannot be measured.
/// </summary>
internal sealed class ReplicaLagHealthCheck(ReplicaLagSampler sampler) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (await sampler.CurrentAsync(cancellationToken) is not { } lag)
        {
            return HealthCheckResult.Healthy("No replica configured: catalog reads use the primary.");
        }

        return lag.Replay is { } replay
            ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
                $"Replica lag {replay.TotalSeconds:0.0} s ({lag.BehindBytes:N0} bytes of WAL to apply){(lag.ReplayPaused ? ", replay paused" : "")}."))
            : HealthCheckResult.Degraded($"Replica lag unknown: {lag.Problem}");
    }
}
