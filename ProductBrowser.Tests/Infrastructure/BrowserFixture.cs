using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// One app server and one headless Chromium (the system's, never a download) for the end-to-end tests.
/// Each test gets a fresh browser context, so no cookies or storage leak between tests.
/// </summary>
public sealed class BrowserFixture(TestServers servers) : IAsyncLifetime
{
    private const string DefaultChromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public AppServer App { get; private set; } = null!;

    public string CatalogConnectionString => servers.CatalogConnectionString;

    public string RedisConnectionString => servers.RedisConnectionString;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The system Chromium (CHROMIUM_PATH overrides), or a failure that says how to install it.</summary>
    public static string ChromiumExecutable()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. Install it with 'sudo apt-get install -y chromium' " +
                "(./scripts/test.sh does), or set CHROMIUM_PATH.");
        }

        return chromium;
    }

    public async ValueTask InitializeAsync()
    {
        var chromium = ChromiumExecutable();
        App = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString);
        App.Start();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
    }

    private readonly Dictionary<string, string> _signedIn = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signingIn = new(1, 1);

    /// <summary>The demo users the app seeds in Development (see appsettings.Development.json).</summary>
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string DemoPassword = "Demo-Password-1";

    /// <summary>
    /// A new page in a fresh context, signed in as <paramref name="user"/> (admin by default; null for anonymous);
    /// tracing is on so a failing test leaves a trace behind.
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool touch = false, string? user = Admin)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 900 },
            HasTouch = touch,
            StorageState = user is null ? null : await SignedInStateAsync(user),
        });
        context.SetDefaultTimeout(15_000);
        WatchForPolicyViolations(context);
        await context.Tracing.StartAsync(new() { Screenshots = true, Snapshots = true });
        return await context.NewPageAsync();
    }

    /// <summary>A page in a fresh context against another server (a load balancer, say), signed in there through its form.</summary>
    public async Task<IPage> NewSignedInPageAsync(Uri baseAddress, string user = Admin)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        WatchForPolicyViolations(context);
        await context.Tracing.StartAsync(new() { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page, user);
        return page;
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/products"));
    }

    /// <summary>
    /// Signs in once per user through the real sign-in form and keeps the cookies for later contexts (of this browser
    /// or another one: the state is plain cookies).
    /// </summary>
    public async Task<string> SignedInStateAsync(string user)
    {
        await _signingIn.WaitAsync();
        try
        {
            if (_signedIn.TryGetValue(user, out var state))
            {
                return state;
            }

            await using var context = await Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString() });
            var page = await context.NewPageAsync();
            await SignInAsync(page, user);
            state = await context.StorageStateAsync();
            _signedIn[user] = state;
            return state;
        }
        finally
        {
            _signingIn.Release();
        }
    }

    /// <summary>Saves a screenshot under TestResults/screenshots (the README's pictures come from there).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png") });
    }

    private static readonly ConditionalWeakTable<IBrowserContext, List<string>> PolicyViolations = new();

    /// <summary>
    /// Chromium reports every script, style or connection the Content-Security-Policy refused as a console error: a
    /// page that needs something the policy does not allow fails its test when the page is closed.
    /// </summary>
    private static void WatchForPolicyViolations(IBrowserContext context)
    {
        var violations = PolicyViolations.GetOrCreateValue(context);
        context.Page += (_, page) => page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
    }

    /// <summary>The policy violations seen so far in the page's context; a test that provokes one on purpose clears them.</summary>
    public static List<string> PolicyViolationsOf(IPage page) => PolicyViolations.GetOrCreateValue(page.Context);

    /// <summary>
    /// Closes the page's context, keeping its trace (under TestResults/playwright) when the test failed; fails a test
    /// that passed otherwise if any page of the context broke the Content-Security-Policy.
    /// </summary>
    public static async Task CloseAsync(IPage page)
    {
        var failed = TestContext.Current.TestState?.Result is TestResult.Failed;
        string? path = null;
        if (failed)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "playwright");
            Directory.CreateDirectory(dir);
            path = Path.Combine(dir, $"{TestContext.Current.Test?.TestDisplayName.Replace(' ', '_') ?? "test"}.zip");
        }

        var violations = PolicyViolationsOf(page);
        await page.Context.Tracing.StopAsync(new() { Path = path });
        await page.Context.CloseAsync();
        lock (violations)
        {
            Assert.True(failed || violations.Count == 0,
                "The page broke its Content-Security-Policy:\n" + string.Join("\n", violations));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "End to end";
}
