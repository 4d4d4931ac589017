using StackExchange.Redis;

namespace ProductBrowser.Caching;

/// <summary>
/// The one road to Redis: the only holder of the process's <see cref="IConnectionMultiplexer"/>. Every command goes
/// through the circuit breaker, is timed and traced (<see cref="RedisTelemetry"/>), and fails by one rule
/// (<see cref="RedisFailures"/>). A command refused by the open breaker throws a <see cref="RedisException"/> without
/// being sent.
/// </summary>
public sealed class RedisGateway(IConnectionMultiplexer redis, RedisCircuitBreaker breaker, RedisTelemetry telemetry, TimeProvider time)
{
    /// <summary>True while Redis is being skipped after repeated failures.</summary>
    public bool IsUnavailable => breaker.IsOpen;

    public bool IsConnected => redis.IsConnected;

    internal RedisCircuitBreaker Breaker => breaker;

    internal RedisTelemetry Telemetry => telemetry;

    internal IDatabase Database => redis.GetDatabase();

    public Task RunAsync(string operation, Func<IDatabase, Task> command) =>
        RunAsync<bool>(operation, async database =>
        {
            await command(database).ConfigureAwait(false);
            return true;
        });

    /// <summary>One command through the breaker; <paramref name="essential"/> as for <see cref="Run{T}"/>.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> command, bool essential = false)
    {
        var call = Enter(operation, essential);
        try
        {
            var result = await command(redis.GetDatabase()).ConfigureAwait(false);
            Exit(operation, call);
            return result;
        }
        catch (Exception ex)
        {
            Exit(operation, call, ex);
            throw;
        }
    }

    /// <summary>
    /// A synchronous command, for callers behind a synchronous interface (the data-protection key ring). An
    /// <paramref name="essential"/> command is sent even while the breaker is open: its failure costs more than its wait
    /// (a key ring read refused at start-up makes an instance sign with a key no other instance knows). Its outcome
    /// still counts like any other.
    /// </summary>
    public T Run<T>(string operation, Func<IDatabase, T> command, bool essential = false)
    {
        var call = Enter(operation, essential);
        try
        {
            var result = command(redis.GetDatabase());
            Exit(operation, call);
            return result;
        }
        catch (Exception ex)
        {
            Exit(operation, call, ex);
            throw;
        }
    }

    /// <summary>
    /// Runs a command on each connected primary in turn (SCAN, INFO: server commands that see one node's keys), as one
    /// call through the breaker.
    /// </summary>
    public Task ForEachPrimaryAsync(string operation, Func<IServer, IDatabase, Task> command) =>
        RunAsync(operation, async database =>
        {
            foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                await command(server, database).ConfigureAwait(false);
            }
        });

    /// <summary>Any one connected server (for INFO); null when none is.</summary>
    public Task<T?> OnAnyServerAsync<T>(string operation, Func<IServer, Task<T>> command) where T : class =>
        RunAsync(operation, async _ => redis.GetServers().FirstOrDefault(s => s.IsConnected) is { } server
            ? await command(server).ConfigureAwait(false)
            : null);

    public Task PublishAsync(RedisChannel channel, RedisValue message) =>
        RunAsync("PUBLISH", _ => redis.GetSubscriber().PublishAsync(channel, message));

    /// <summary>
    /// Calls <paramref name="handler"/> whenever a connection to a Redis node fails: the node may be gone, and a replica
    /// promoted in its place may lack the last writes it acknowledged (replication is asynchronous).
    /// </summary>
    public void OnConnectionFailed(Action handler) => redis.ConnectionFailed += (_, _) => handler();

    /// <summary>Subscribes once; the client restores the subscription by itself after a reconnect.</summary>
    public Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler) =>
        RunAsync("SUBSCRIBE", _ => redis.GetSubscriber().SubscribeAsync(channel, handler));

    private Call Enter(string operation, bool essential)
    {
        var trial = false;
        return essential || breaker.TryEnter(out trial)
            ? new Call(trial, time.GetTimestamp(), RedisTelemetry.Start(operation))
            : throw new RedisException(RedisFailures.OpenMessage);
    }

    private void Exit(string operation, Call call, Exception? failure = null)
    {
        if (failure is null)
        {
            breaker.Succeeded(call.Trial);
        }
        else
        {
            breaker.Failed(call.Trial);
        }

        telemetry.Record(operation, time.GetElapsedTime(call.Started), call.Activity, failure);
    }

    private readonly record struct Call(bool Trial, long Started, System.Diagnostics.Activity? Activity);
}
