using System.Net;
using ProductBrowser.Accounts;

namespace ProductBrowser.Tests.Unit;

public sealed class SignInThrottleTests
{
    [Fact]
    public void AThrottledStrangerDoesNotStopTheOwnerFromAnotherAddress()
    {
        using var throttle = new SignInThrottle(Microsoft.Extensions.Options.Options.Create(new SecurityOptions()));
        var stranger = IPAddress.Parse("203.0.113.7");
        var owner = IPAddress.Parse("198.51.100.20");

        var strangerAttempts = Enumerable.Range(0, 10).Select(_ => throttle.TryAttempt(stranger, "admin").IsAllowed).ToList();
        var ownersAttempt = throttle.TryAttempt(owner, "ADMIN ");

        Assert.Contains(false, strangerAttempts);
        Assert.True(ownersAttempt.IsAllowed);
    }

    [Fact]
    public void UserNamesAreCountedWhateverTheirCaseAndSpacing()
    {
        using var throttle = new SignInThrottle(Microsoft.Extensions.Options.Options.Create(new SecurityOptions { SignInAttemptsPerUserAndAddress = 2 }));
        var address = IPAddress.Loopback;

        var attempts = new[] { "admin", " Admin", "ADMIN " }.Select(name => throttle.TryAttempt(address, name)).ToList();

        Assert.Equal([true, true, false], attempts.Select(a => a.IsAllowed));
        Assert.True(attempts[2].RetryAfter > TimeSpan.Zero);
    }
}
