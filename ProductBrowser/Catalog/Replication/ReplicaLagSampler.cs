using Microsoft.Extensions.Options;
using Npgsql;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.Replication;

/// <summary>
/// Measures the read replica's lag (<c>ConnectionStrings:CatalogReplica</c>) every <see cref="CatalogDatabaseOptions.ReplicaLagInterval"/>
/// and on demand, for the dashboard, <c>/health</c> and the <c>productbrowser.catalog.replica.lag</c> gauge. Bytes: the
/// primary's <c>pg_current_wal_insert_lsn()</c> (read first) minus the replica's <c>pg_last_wal_replay_lsn()</c>. Time: zero
/// once the replica has applied all of that; otherwise <c>now() - pg_last_xact_replay_timestamp()</c> on the replica,
/// the age of the newest commit it has applied, which is never less than the true lag (it overstates it after a quiet
/// spell on the primary). Without a replica nothing is measured.
/// </summary>
public sealed partial class ReplicaLagSampler : BackgroundService
{
    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource? _replica;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplicaLagSampler> _logger;
    private ReplicaLag? _latest;

    public ReplicaLagSampler(
        NpgsqlDataSource primary, NpgsqlDataSource? replica, IOptions<CatalogDatabaseOptions> options, CatalogMetrics metrics,
        TimeProvider time, ILogger<ReplicaLagSampler> logger)
    {
        _primary = primary;
        _replica = replica;
        _interval = options.Value.ReplicaLagInterval;
        _time = time;
        _logger = logger;
        if (replica is not null)
        {
            metrics.ObserveReplicaLag(() => Latest);
        }
    }

    /// <summary>True when catalog reads go to a replica, so there is a lag to measure.</summary>
    public bool Configured => _replica is not null;

    /// <summary>How often the replica is measured in the background.</summary>
    public TimeSpan Interval => _interval;

    /// <summary>The most recent measurement (null before the first one, and always without a replica).</summary>
    public ReplicaLag? Latest => Volatile.Read(ref _latest);

    /// <summary>
    /// How old the data of a catalog read may be: the query's own time plus, with a replica, its latest measured lag. A
    /// replica that has not applied the last minute of WAL answers as the primary did a minute ago, and a change's
    /// tombstone in Redis may have expired for that long already.
    /// </summary>
    public TimeSpan AgeOfRead(TimeSpan queryTime) => queryTime + (Latest?.Replay ?? TimeSpan.Zero);

    /// <summary>The latest measurement if it is younger than the interval, else a new one. Null without a replica.</summary>
    public async Task<ReplicaLag?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (_replica is null)
        {
            return null;
        }

        return Latest is { } latest && _time.GetUtcNow() - latest.MeasuredAt < _interval ? latest : await SampleAsync(cancellationToken);
    }

    /// <summary>Measures the lag now (a query on each server) and keeps the result as <see cref="Latest"/>.</summary>
    public async Task<ReplicaLag?> SampleAsync(CancellationToken cancellationToken = default)
    {
        if (_replica is null)
        {
            return null;
        }

        var measured = await MeasureAsync(_replica, cancellationToken);
        Volatile.Write(ref _latest, measured);
        return measured;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_replica is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                await SampleAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<ReplicaLag> MeasureAsync(NpgsqlDataSource replica, CancellationToken cancellationToken)
    {
        long written;
        try
        {
            // The primary first: whatever the replica applies meanwhile only makes the difference smaller, never negative.
            // The insert position, not the write position: with synchronous_commit off a committed transaction's WAL can
            // sit unwritten for up to wal_writer_delay, and the replica would look caught up while it is not.
            await using var command = _primary.CreateCommand("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint");
            written = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
        {
            LogMeasureFailed(_logger, ex, "primary");
            return new ReplicaLag(_time.GetUtcNow(), null, null, false, "The primary did not answer.");
        }

        try
        {
            await using var command = replica.CreateCommand(
                "SELECT pg_is_in_recovery(), pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint, now() - pg_last_xact_replay_timestamp(), " +
                "CASE WHEN pg_is_in_recovery() THEN pg_get_wal_replay_pause_state() <> 'not paused' ELSE false END");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var at = _time.GetUtcNow();
            if (!reader.GetBoolean(0) || reader.IsDBNull(1))
            {
                return new ReplicaLag(at, null, null, false, "The replica is not a standby in recovery: there is no replay to measure.");
            }

            var behind = Math.Max(0, written - reader.GetInt64(1));
            var paused = reader.GetBoolean(3);
            if (behind == 0)
            {
                return new ReplicaLag(at, TimeSpan.Zero, 0, paused);
            }

            return reader.IsDBNull(2)
                ? new ReplicaLag(at, null, behind, paused, "The replica has not applied a transaction since it started.")
                : new ReplicaLag(at, TimeSpan.FromTicks(Math.Max(0, reader.GetFieldValue<TimeSpan>(2).Ticks)), behind, paused);
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
        {
            LogMeasureFailed(_logger, ex, "replica");
            return new ReplicaLag(_time.GetUtcNow(), null, null, false, "The replica did not answer.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Measuring the replica's lag failed: the {Server} did not answer")]
    private static partial void LogMeasureFailed(ILogger logger, Exception exception, string server);
}
