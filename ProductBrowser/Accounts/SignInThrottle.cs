using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ProductBrowser.Accounts;

/// <summary>
/// Limits sign-in attempts with the .NET rate limiters (sliding windows): per client address across all user names, and
/// per user name from one address. The second stays below the account lockout's threshold, so a stranger at one address
/// slows only their own attempts and cannot lock an admin out; the lockout remains the backstop against guessing from
/// many addresses (decision 11). Per instance, in memory: behind the load balancer each instance counts its own.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan UserWindow = TimeSpan.FromMinutes(5);

    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perUserAndAddress;

    public SignInThrottle(IOptions<SecurityOptions> options)
    {
        var settings = options.Value;
        _perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.SignInAttemptsPerAddress, Window = AddressWindow, SegmentsPerWindow = 6, QueueLimit = 0,
            }));
        _perUserAndAddress = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.SignInAttemptsPerUserAndAddress, Window = UserWindow, SegmentsPerWindow = 10, QueueLimit = 0,
            }));
    }

    /// <summary>Takes one attempt for <paramref name="userName"/> from <paramref name="address"/>, or says how long to wait.</summary>
    public SignInPermit TryAttempt(IPAddress? address, string userName)
    {
        var client = address?.ToString() ?? "unknown";
        using var byAddress = _perAddress.AttemptAcquire(client);
        if (!byAddress.IsAcquired)
        {
            return SignInPermit.Refused(RetryAfter(byAddress, AddressWindow));
        }

        using var byUser = _perUserAndAddress.AttemptAcquire(client + "\n" + userName.Trim().ToUpperInvariant());
        return byUser.IsAcquired ? SignInPermit.Allowed : SignInPermit.Refused(RetryAfter(byUser, UserWindow));
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perUserAndAddress.Dispose();
    }

    // A sliding window frees permits segment by segment; without a hint, a segment is the most to wait.
    private static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan window) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : window / 5;
}

/// <summary>Whether a sign-in attempt may go ahead, and if not, when the next one may.</summary>
public readonly record struct SignInPermit(bool IsAllowed, TimeSpan RetryAfter)
{
    public static readonly SignInPermit Allowed = new(true, TimeSpan.Zero);

    public static SignInPermit Refused(TimeSpan retryAfter) => new(false, retryAfter);
}
