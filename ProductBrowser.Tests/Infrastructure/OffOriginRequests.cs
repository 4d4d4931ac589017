using Microsoft.Playwright;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Watches a browser context for requests to any host but this machine's and refuses them: warehouses and CI have
/// no internet, so the app must serve everything it uses itself. A test asserts <see cref="Attempted"/> is empty.
/// </summary>
public sealed class OffOriginRequests
{
    private readonly List<string> _attempted = [];
    private readonly List<string> _all = [];

    public IReadOnlyList<string> Attempted
    {
        get
        {
            lock (_attempted)
            {
                return [.. _attempted];
            }
        }
    }

    /// <summary>Every request URL the pages made, in order.</summary>
    public IReadOnlyList<string> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static async Task<OffOriginRequests> WatchAsync(IBrowserContext context)
    {
        var watch = new OffOriginRequests();
        context.Request += (_, request) =>
        {
            lock (watch._all)
            {
                watch._all.Add(request.Url);
            }
        };
        await context.RouteAsync(url => !IsLocal(url), async route =>
        {
            lock (watch._attempted)
            {
                watch._attempted.Add(route.Request.Url);
            }

            await route.AbortAsync("blockedbyclient");
        });
        return watch;
    }

    private static bool IsLocal(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri)
        || uri.Scheme is not ("http" or "https" or "ws" or "wss")
        || uri.IsLoopback;
}
