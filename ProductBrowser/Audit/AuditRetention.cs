using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ProductBrowser.Data;

namespace ProductBrowser.Audit;

/// <summary>
/// Removes audit events older than <see cref="AuditOptions.Retention"/>, at start-up and every hour, through
/// <c>prune_audit_events</c>: the one way rows leave the table. In batches, so a first prune of years of events never
/// holds one long transaction; with several instances, whichever takes the function's advisory lock prunes and the
/// others skip that round.
/// </summary>
public sealed partial class AuditRetention(
    NpgsqlDataSource dataSource,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Rows one call of the function removes at most.</summary>
    internal const int BatchSize = 10_000;

    /// <summary>Removes what is past the retention now; returns how many events went.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        long removed = 0;
        int batch;
        do
        {
            await using var prune = dataSource.CreateCommand("SELECT prune_audit_events($1, $2)");
            prune.Parameters.Add(new NpgsqlParameter { Value = options.Value.Retention, NpgsqlDbType = NpgsqlDbType.Interval });
            prune.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            batch = (int)(await prune.ExecuteScalarAsync(cancellationToken))!;
            removed += batch;
        }
        while (batch == BatchSize);

        if (removed > 0)
        {
            LogPruned(logger, removed, options.Value.Retention.TotalDays);
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && DatabaseFailures.IsDatabaseFailure(ex))
            {
                // Nothing is lost by waiting: the next round removes the same rows.
                LogPruneFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Removed} audit events older than {Days} days")]
    private static partial void LogPruned(ILogger logger, long removed, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the audit trail failed; trying again in an hour")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
