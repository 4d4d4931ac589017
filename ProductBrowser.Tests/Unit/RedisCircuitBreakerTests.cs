using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProductBrowser.Caching;
using StackExchange.Redis;

namespace ProductBrowser.Tests.Unit;

public sealed class RedisCircuitBreakerTests
{
    private static readonly CacheOptions Settings = new() { BreakerFailures = 3, BreakerDuration = TimeSpan.FromSeconds(7) };
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void OpensAfterConsecutiveFailuresOnly()
    {
        var breaker = new RedisCircuitBreaker(Options.Create(Settings), _time);

        for (var i = 0; i < Settings.BreakerFailures - 1; i++)
        {
            Fail(breaker);
        }

        Succeed(breaker);
        for (var i = 0; i < Settings.BreakerFailures - 1; i++)
        {
            Fail(breaker);
        }

        Assert.False(breaker.IsOpen);
        Fail(breaker);
        Assert.True(breaker.IsOpen);
        Assert.False(breaker.TryEnter(out _));
    }

    [Fact]
    public void LetsOneTrialThroughAfterTheBreakAndClosesWhenItSucceeds()
    {
        var breaker = Opened();

        _time.Advance(Settings.BreakerDuration - TimeSpan.FromMilliseconds(1));
        Assert.False(breaker.TryEnter(out _));
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(breaker.TryEnter(out var trial));
        Assert.True(trial);
        Assert.False(breaker.TryEnter(out _));
        breaker.Succeeded(trial);

        Assert.False(breaker.IsOpen);
        Assert.True(breaker.TryEnter(out var next));
        Assert.False(next);
    }

    [Fact]
    public void AFailedTrialOpensTheBreakerForAnotherBreak()
    {
        var breaker = Opened();
        _time.Advance(Settings.BreakerDuration);

        Assert.True(breaker.TryEnter(out var trial));
        breaker.Failed(trial);

        Assert.True(breaker.IsOpen);
        Assert.False(breaker.TryEnter(out _));
        _time.Advance(Settings.BreakerDuration);
        Assert.True(breaker.TryEnter(out var second));
        Assert.True(second);
    }

    [Fact]
    public void AnOrdinarySuccessWhileOpenDoesNotCloseIt()
    {
        var breaker = Opened();

        // A call that started before the breaker opened and answers late is not a trial.
        breaker.Succeeded(isTrial: false);

        Assert.True(breaker.IsOpen);
    }

    [Theory]
    [InlineData(typeof(RedisTimeoutException), "Redis did not answer in time.")]
    [InlineData(typeof(RedisConnectionException), "Redis is unavailable.")]
    [InlineData(typeof(RedisServerException), "Redis returned an error.")]
    public void DescribesFailuresForTheCachePanel(Type exceptionType, string expected)
    {
        // The client's exceptions as it throws them; their simplest constructors are marked obsolete for callers.
#pragma warning disable CS0618
        var exception = exceptionType == typeof(RedisTimeoutException)
            ? new RedisTimeoutException("timeout", CommandStatus.Sent)
            : exceptionType == typeof(RedisConnectionException)
                ? new RedisConnectionException(ConnectionFailureType.SocketFailure, "down")
                : (Exception)new RedisServerException("ERR");
#pragma warning restore CS0618

        Assert.True(RedisFailures.IsRedisFailure(exception));
        Assert.Equal(expected, RedisFailures.Describe(exception));
    }

    [Fact]
    public void ABugIsNotARedisFailure() =>
        Assert.False(RedisFailures.IsRedisFailure(new InvalidOperationException()));

    private RedisCircuitBreaker Opened()
    {
        var breaker = new RedisCircuitBreaker(Options.Create(Settings), _time);
        for (var i = 0; i < Settings.BreakerFailures; i++)
        {
            Fail(breaker);
        }

        Assert.True(breaker.IsOpen);
        return breaker;
    }

    private static void Fail(RedisCircuitBreaker breaker)
    {
        Assert.True(breaker.TryEnter(out var trial));
        breaker.Failed(trial);
    }

    private static void Succeed(RedisCircuitBreaker breaker)
    {
        Assert.True(breaker.TryEnter(out var trial));
        breaker.Succeeded(trial);
    }
}
