using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ProductBrowser.Diagnostics;

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The description is shown to anyone: no connection string, no exception text.
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable.");
        }
    }
}
