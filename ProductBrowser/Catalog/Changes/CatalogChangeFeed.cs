using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.Changes;

/// <summary>
/// Reads the durable change feed (<c>catalog_changes</c>, written by triggers in the writing transaction) and applies
/// it to the cache, on every instance (decision 10). The cursor is a PostgreSQL snapshot: each round takes the rows of
/// transactions that were not visible to the previous snapshot and are visible in a new one (in pages of
/// <see cref="PageSize"/>), so a transaction that commits late with a smaller position is read when it commits, never
/// skipped. The cursor moves only past what was applied;
/// while Redis is unreachable the same changes are read and applied again until they succeed. It is kept in Redis
/// beside the entries it describes, so an instance starting after writes made while none ran catches up from it;
/// without one (a new or emptied Redis) the changes of the last product TTL are replayed. LISTEN is only a wake-up;
/// the feed is also read every <see cref="CacheOptions.ChangeFeedPollInterval"/>. Nothing here ever flushes the cache.
/// </summary>
/// <remarks>
/// Redis replicates asynchronously: a primary that dies can have acknowledged tombstones its replica never received,
/// and the replica promoted in its place still holds the old entries. So after any connection to a Redis node fails,
/// the changes of <see cref="CacheOptions.FailoverReplayWindow"/> before that moment (and since) are applied again, until
/// Redis takes them all: once the failover is over, they reach the new primary. Tombstones are versioned, so applying
/// one again never hides anything newer; it costs one miss per product changed in the window.
/// </remarks>
public sealed partial class CatalogChangeFeed(
    NpgsqlDataSource dataSource,
    ProductCacheInvalidator invalidator,
    ProductChangeNotifications notifications,
    CacheStore cache,
    RedisGateway redis,
    CacheKeys keys,
    ChangeFeedStatus status,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<CatalogChangeFeed> logger) : BackgroundService
{
    public const string Channel = "catalog_changes";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private readonly Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _replayGate = new();
    private int _listenerProcessId;
    // The first Redis connection failure whose window has not been applied again yet, and how many there have been.
    private DateTimeOffset? _replaySince;
    private long _connectionFailures;

    /// <summary>The PostgreSQL backend listening right now (0 while disconnected); tests terminate it to test recovery.</summary>
    public int ListenerProcessId => Volatile.Read(ref _listenerProcessId);

    /// <summary>Completes once the first LISTEN is in place.</summary>
    public Task Listening => _listening.Task;

    /// <summary>Completes once the changes made before this instance started have been applied.</summary>
    public Task CaughtUp => _caughtUp.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ListenForChanges)
        {
            LogDisabled(logger);
            return;
        }

        status.Started();
        redis.OnConnectionFailed(NoteConnectionFailed);
        var listening = ListenAsync(stoppingToken);
        try
        {
            await FollowAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await listening;
    }

    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        // Applied: everything visible in this snapshot is in the cache (null: unknown, replay the last TTL).
        string? cursor = null;
        var cursorKnown = false;
        // Being drained, page by page: the rows visible in this snapshot and not in the cursor, after this position.
        string? target = null;
        long after = 0;
        var backoff = TimeSpan.FromMilliseconds(250);
        var lastPruned = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var failed = false;
            var more = false;
            try
            {
                if (!cursorKnown)
                {
                    // Throws while Redis is unreachable: where the cache stands is unknown until it answers.
                    cursor = await cache.GetTextAsync(keys.ChangeFeedCursor);
                    cursorKnown = true;
                }

                await ReplayAfterConnectionFailureAsync(stoppingToken);
                var page = await ReadAsync(cursor, target, after, stoppingToken);
                target = page.Target;
                if (page.Changes.Count > 0)
                {
                    try
                    {
                        var touched = await invalidator.ApplyAsync(page.Changes, stoppingToken);
                        Publish(touched);
                    }
                    catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
                    {
                        status.Failed(page.Changes.Count, ex.Message);
                        LogApplyFailed(logger, ex, page.Changes.Count);
                        failed = true;
                    }
                }

                if (!failed)
                {
                    status.Applied(page.LastPosition, page.Changes);
                    if (page.Changes.Count == PageSize)
                    {
                        after = page.LastPosition;
                        more = true;
                    }
                    else
                    {
                        cursor = target;
                        target = null;
                        after = 0;
                        await cache.SetTextAsync(keys.ChangeFeedCursor, cursor);
                        _caughtUp.TrySetResult();
                    }

                    backoff = TimeSpan.FromMilliseconds(250);
                }

                if (time.GetUtcNow() - lastPruned > PruneEvery)
                {
                    await PruneAsync(stoppingToken);
                    lastPruned = time.GetUtcNow();
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && (RedisFailures.IsRedisFailure(ex) || DatabaseFailures.IsDatabaseFailure(ex)))
            {
                status.Failed(status.Backlog, ex.Message);
                LogReadFailed(logger, ex);
                failed = true;
            }

            if (failed)
            {
                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                continue;
            }

            if (more)
            {
                continue;
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(options.Value.ChangeFeedPollInterval);
            try
            {
                await _wake.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed without a wake-up.
            }
        }
    }

    private void NoteConnectionFailed()
    {
        lock (_replayGate)
        {
            _replaySince ??= time.GetUtcNow();
            _connectionFailures++;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// Applies again the changes of the replay window before the first connection failure not handled yet, and every one
    /// since. Throws while Redis refuses them (the node's slots not served yet), so the round is tried again.
    /// </summary>
    private async Task ReplayAfterConnectionFailureAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset since;
        long failures;
        lock (_replayGate)
        {
            if (_replaySince is not { } first)
            {
                return;
            }

            since = first;
            failures = _connectionFailures;
        }

        var window = time.GetUtcNow() - since + options.Value.FailoverReplayWindow;
        string? target = null;
        long after = 0;
        var replayed = 0;
        while (true)
        {
            var page = await ReadAsync(cursor: null, target, after, cancellationToken, window);
            target = page.Target;
            await invalidator.ApplyAsync(page.Changes, cancellationToken);
            replayed += page.Changes.Count;
            if (page.Changes.Count < PageSize)
            {
                break;
            }

            after = page.LastPosition;
        }

        lock (_replayGate)
        {
            // A failure while this ran needs a round of its own; the earliest moment stays.
            if (_connectionFailures == failures)
            {
                _replaySince = null;
            }
        }

        status.Replayed(replayed);
        LogReplayed(logger, replayed, window.TotalSeconds);
    }

    /// <summary>At most this many changes are read and applied at once, so a large import is applied in bounded memory.</summary>
    internal const int PageSize = 10_000;

    private sealed record Page(IReadOnlyList<CatalogChange> Changes, long LastPosition, string Target);

    /// <summary>
    /// One page of the changes visible in <paramref name="target"/> (a new snapshot when null) and not in
    /// <paramref name="cursor"/> (without one: those recorded within <paramref name="window"/>, by default the last
    /// product TTL), after position <paramref name="after"/>.
    /// </summary>
    private async Task<Page> ReadAsync(string? cursor, string? target, long after, CancellationToken cancellationToken, TimeSpan? window = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (target is null)
        {
            await using var current = new NpgsqlCommand("SELECT pg_current_snapshot()::text", connection);
            target = (string)(await current.ExecuteScalarAsync(cancellationToken))!;
        }

        var settings = options.Value;
        await using var read = new NpgsqlCommand(
            "SELECT position, product_id, category_id, revision, codes, categories, recorded_at, inserted AND recorded_at < now() - $4 " +
            "FROM catalog_changes WHERE " +
            (cursor is null
                ? "recorded_at > now() - $1::interval "
                : "tx >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(tx, $1::pg_snapshot) ") +
            "AND pg_visible_in_snapshot(tx, $2::pg_snapshot) AND position > $3 ORDER BY position LIMIT " + PageSize,
            connection);
        read.Parameters.Add(cursor is null
            ? new NpgsqlParameter { Value = window ?? settings.ProductTtl * (1 + settings.TtlJitterPercent / 100.0) + TimeSpan.FromMinutes(1), NpgsqlDbType = NpgsqlDbType.Interval }
            : new NpgsqlParameter { Value = cursor });
        read.Parameters.Add(new NpgsqlParameter { Value = target });
        read.Parameters.Add(new NpgsqlParameter { Value = after });
        // Past this, an insert can have left nothing cached: not-found entries and the fills racing them are gone.
        read.Parameters.Add(new NpgsqlParameter { Value = settings.NotFoundTtl + settings.TombstoneTtl / 2 + TimeSpan.FromMinutes(1), NpgsqlDbType = NpgsqlDbType.Interval });
        var changes = new List<CatalogChange>();
        var position = after;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                position = reader.GetInt64(0);
                changes.Add(new CatalogChange(
                    reader.IsDBNull(1) ? null : reader.GetGuid(1),
                    reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.GetInt64(3),
                    reader.GetFieldValue<string[]>(4),
                    reader.GetFieldValue<int[]>(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetBoolean(7)));
            }
        }

        return new Page(changes, position, target);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var prune = dataSource.CreateCommand("DELETE FROM catalog_changes WHERE recorded_at < now() - $1");
        prune.Parameters.Add(new NpgsqlParameter { Value = options.Value.ChangeLogRetention, NpgsqlDbType = NpgsqlDbType.Interval });
        var removed = await prune.ExecuteNonQueryAsync(cancellationToken);
        if (removed > 0)
        {
            LogPruned(logger, removed);
        }
    }

    private void Publish(IReadOnlyList<Guid> products)
    {
        foreach (var id in products)
        {
            notifications.Publish(new ProductChange(id, []));
        }
    }

    /// <summary>LISTEN on its own connection, reconnecting with back-off; every notification and reconnect wakes the reader.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Writer.TryWrite(true);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Volatile.Write(ref _listenerProcessId, connection.ProcessID);
                // Whatever was written while nobody listened is in the feed: read it now.
                _wake.Writer.TryWrite(true);
                _listening.TrySetResult();
                backoff = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
            {
                Volatile.Write(ref _listenerProcessId, 0);
                LogConnectionLost(logger, ex, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks * 6, backoff.Ticks * 2));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache:ListenForChanges is off; the cache relies on TTLs alone")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for catalog changes failed; retrying in {Seconds} s (the feed is still read every poll interval)")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying {Count} catalog changes to Redis failed; they stay pending and are applied when Redis answers")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the catalog change feed failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} catalog changes of the last {Seconds:0} s again after a Redis connection failed")]
    private static partial void LogReplayed(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Removed} catalog changes older than the retention")]
    private static partial void LogPruned(ILogger logger, int removed);
}
