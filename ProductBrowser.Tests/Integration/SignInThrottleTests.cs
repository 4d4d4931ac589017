using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Accounts;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>Sign-in throttling per client address and per user name, with the shipped limits, over HTTP.</summary>
public sealed class SignInThrottleTests(TestServers servers)
{
    private const string User = "throttle-test";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RepeatedAttemptsForOneUserAreThrottledWithRetryAfterAndNeverLockTheAccount()
    {
        await using var app = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString, Shipped());
        app.Start();
        using var client = app.NewClient();
        var allowed = new SecurityOptions().SignInAttemptsPerUserAndAddress;

        var attempts = new List<HttpResponseMessage>();
        for (var n = 0; n <= allowed; n++)
        {
            attempts.Add(await SignInForm.PostAsync(client, User, "wrong-password-" + n));
        }

        var refused = attempts[^1];
        var page = await refused.Content.ReadAsStringAsync(Cancellation);
        var account = await LockedOutAsync(app);

        Assert.All(attempts[..^1], a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), SignInThrottle.UserWindow);
        Assert.Contains($"Too many sign-in attempts. Try again in {(int)retryAfter.TotalSeconds} s.", page, StringComparison.Ordinal);
        // Fewer failures than the lockout needs: a stranger at one address cannot lock this account.
        Assert.False(account);
    }

    [Fact]
    public async Task PasswordSprayFromOneAddressIsThrottledAcrossUserNames()
    {
        var settings = Shipped();
        settings["Security:SignInAttemptsPerAddress"] = "6";
        await using var app = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString, settings);
        app.Start();
        using var client = app.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var n = 0; n < 7; n++)
        {
            statuses.Add((await SignInForm.PostAsync(client, $"sprayed-{n}", "Summer2026!")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 6), HttpStatusCode.TooManyRequests], statuses);
    }

    /// <summary>The shipped limits (the test app raises them for everyone else) and a user of this class's own.</summary>
    private static Dictionary<string, string?> Shipped() => new()
    {
        ["Security:SignInAttemptsPerAddress"] = new SecurityOptions().SignInAttemptsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:SignInAttemptsPerUserAndAddress"] = new SecurityOptions().SignInAttemptsPerUserAndAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:Users:3:UserName"] = User,
        ["Security:Users:3:Password"] = "Demo-Password-1",
        ["Security:Users:3:Role"] = "Staff",
    };

    private static async Task<bool> LockedOutAsync(AppServer app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsLockedOutAsync((await users.FindByNameAsync(User))!);
    }
}
