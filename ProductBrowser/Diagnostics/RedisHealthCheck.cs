using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductBrowser.Caching;

namespace ProductBrowser.Diagnostics;

/// <summary>Redis down degrades the app (reads go to PostgreSQL) rather than breaking it, hence Degraded, not Unhealthy.</summary>
internal sealed class RedisHealthCheck(RedisGateway redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.RunAsync("PING", database => database.PingAsync());
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            return HealthCheckResult.Degraded($"{RedisFailures.Describe(ex)} Product reads go to PostgreSQL.");
        }
    }
}
