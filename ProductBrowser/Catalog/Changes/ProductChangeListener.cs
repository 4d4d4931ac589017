using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.Changes;

/// <summary>
/// Every app instance LISTENs on <c>product_changes</c>, so writes from anywhere (this app, psql, a nightly import)
/// clean the cache. When the listening connection drops it reconnects with back-off and, since notifications sent in
/// between are lost, flushes this app's cache entries rather than risk serving a missed change. With a read replica, each
/// change is applied a second time after <see cref="CatalogDatabaseOptions.ReplicaMaxLag"/>: a read that refilled the cache
/// from the lagging replica in between is evicted then, instead of being served for a whole TTL.
/// </summary>
public sealed partial class ProductChangeListener(
    NpgsqlDataSource dataSource,
    ProductCacheInvalidator invalidator,
    ProductChangeNotifications notifications,
    IOptions<CacheOptions> options,
    IOptions<CatalogDatabaseOptions> database,
    TimeProvider time,
    ILogger<ProductChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly Channel<ProductChange> _changes = Channel.CreateUnbounded<ProductChange>(new() { SingleReader = true });
    private int _listenerProcessId;

    /// <summary>The PostgreSQL backend listening right now (0 while disconnected); tests terminate it to test recovery.</summary>
    public int ListenerProcessId => Volatile.Read(ref _listenerProcessId);

    /// <summary>Completes once the first LISTEN is in place.</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ListenForChanges)
        {
            LogDisabled(logger);
            return;
        }

        var applying = ApplyChangesAsync(stoppingToken);
        var backoff = TimeSpan.FromSeconds(1);
        var missedChanges = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (ProductChangePayload.Parse(e.Payload) is { } change)
                    {
                        _changes.Writer.TryWrite(change);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ProductChangePayload.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Volatile.Write(ref _listenerProcessId, connection.ProcessID);
                if (missedChanges)
                {
                    LogReconnected(logger);
                    _changes.Writer.TryWrite(ProductChange.Everything);
                }

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
                missedChanges = true;
                LogConnectionLost(logger, ex, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }

        _changes.Writer.TryComplete();
        await applying;
    }

    private async Task ApplyChangesAsync(CancellationToken stoppingToken)
    {
        var replicaLag = database.Value.ReplicaConnectionString.Length > 0 && database.Value.ReplicaMaxLag > TimeSpan.Zero
            ? database.Value.ReplicaMaxLag
            : (TimeSpan?)null;
        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken).WithCancellation(stoppingToken).ConfigureAwait(false))
        {
            await ApplyAsync(change, stoppingToken);
            if (replicaLag is { } lag)
            {
                _ = ApplyAgainAsync(change, lag, stoppingToken);
            }
        }
    }

    private async Task ApplyAsync(ProductChange change, CancellationToken stoppingToken)
    {
        try
        {
            await invalidator.InvalidateAsync(change, stoppingToken);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Redis is down: nothing is served from it either; entries written before the outage expire with their TTL.
            LogInvalidationFailed(logger, ex);
        }

        notifications.Publish(change);
    }

    private async Task ApplyAgainAsync(ProductChange change, TimeSpan lag, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(lag, time, stoppingToken);
            await ApplyAsync(change, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache:ListenForChanges is off; the cache relies on TTLs alone")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for product changes failed; retrying in {Seconds} s")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for product changes again; flushing the cache since changes may have been missed")]
    private static partial void LogReconnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning the cache after a product change failed")]
    private static partial void LogInvalidationFailed(ILogger logger, Exception exception);
}
