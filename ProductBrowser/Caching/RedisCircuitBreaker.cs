using Microsoft.Extensions.Options;

namespace ProductBrowser.Caching;

/// <summary>
/// Stops calling Redis after <see cref="CacheOptions.BreakerFailures"/> failures in a row, so a hung or dead server costs at
/// most that many timeouts before reads go straight to PostgreSQL. After <see cref="CacheOptions.BreakerDuration"/> one trial call is
/// let through: its success closes the breaker, its failure opens it again. Allocation-free and lock-free, because it
/// sits on every cache hit (see docs/decisions/0006-redis-timeouts-and-breaker.md for why this is not Polly).
/// </summary>
public sealed class RedisCircuitBreaker(IOptions<CacheOptions> options, TimeProvider time)
{
    private readonly int _failuresBeforeBreaking = options.Value.BreakerFailures;
    private readonly long _breakTicks = (long)(options.Value.BreakerDuration.TotalSeconds * time.TimestampFrequency);

    private int _consecutiveFailures;
    private long _openUntil;
    private int _trialRunning;

    /// <summary>True from the moment the breaker opens until a trial call succeeds.</summary>
    public bool IsOpen => Volatile.Read(ref _openUntil) != 0;

    /// <summary>
    /// Whether a call may go to Redis now. <paramref name="isTrial"/> marks the single call let through after the break;
    /// its outcome must be reported like any other.
    /// </summary>
    public bool TryEnter(out bool isTrial)
    {
        isTrial = false;
        var openUntil = Volatile.Read(ref _openUntil);
        if (openUntil == 0)
        {
            return true;
        }

        if (time.GetTimestamp() < openUntil || Interlocked.CompareExchange(ref _trialRunning, 1, 0) != 0)
        {
            return false;
        }

        isTrial = true;
        return true;
    }

    public void Succeeded(bool isTrial)
    {
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
        }

        if (isTrial)
        {
            Volatile.Write(ref _openUntil, 0);
            Volatile.Write(ref _trialRunning, 0);
        }
    }

    public void Failed(bool isTrial)
    {
        if (isTrial)
        {
            Open();
            Volatile.Write(ref _trialRunning, 0);
        }
        else if (Interlocked.Increment(ref _consecutiveFailures) >= _failuresBeforeBreaking)
        {
            Open();
        }
    }

    private void Open()
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        Volatile.Write(ref _openUntil, time.GetTimestamp() + _breakTicks);
    }
}
