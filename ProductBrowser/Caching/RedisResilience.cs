using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

/// <summary>
/// Every Redis call goes through a timeout and a circuit breaker. A slow or hung Redis costs at most one timeout per
/// read until the breaker opens; while it is open, reads skip Redis at once (no waiting), and it closes by itself once
/// a trial call succeeds after <see cref="BreakDuration"/>.
/// </summary>
public sealed class RedisResilience
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);
    private readonly CircuitBreakerStateProvider _state = new();

    public RedisResilience(IOptions<CacheOptions> options, TimeProvider time)
    {
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>().Handle<TimeoutRejectedException>(),
            })
            // Cooperative: each call waits with WaitAsync(token), so a hung server cannot hold a read past the timeout.
            .AddTimeout(TimeSpan.FromMilliseconds(options.Value.OperationTimeoutMilliseconds))
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>True while reads bypass Redis (the breaker is open or trying a call).</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public static bool IsFailure(Exception ex) =>
        ex is RedisException or TimeoutException or TimeoutRejectedException or BrokenCircuitException or ObjectDisposedException;

    public static string Describe(Exception ex) => ex switch
    {
        BrokenCircuitException => "Redis unavailable (circuit open: not tried).",
        TimeoutException or TimeoutRejectedException => "Redis did not answer in time.",
        RedisConnectionException => "Redis is unavailable.",
        _ => "Redis returned an error.",
    };
}
