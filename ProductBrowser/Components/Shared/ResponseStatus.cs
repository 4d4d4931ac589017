using Microsoft.AspNetCore.Diagnostics;

namespace ProductBrowser.Components.Shared;

/// <summary>
/// The HTTP status of a page that explains the problem itself (access denied, an unknown product), set on its
/// prerendered response while the page stays as it is. <c>NavigationManager.NotFound()</c> answers 404 too, but shows
/// the router's generic not-found page instead; and a 404 set while the page renders is taken for that call (the
/// framework then writes no body and leaves the response to the status-code page). So the status is set as the
/// response starts, after the page is rendered, with the status-code page kept out of the way. Once the page runs in
/// its circuit there is no response left, and nothing to set.
/// </summary>
public static class ResponseStatus
{
    public static void Set(HttpContext? httpContext, int statusCode)
    {
        if (httpContext is not { Response.HasStarted: false } http)
        {
            return;
        }

        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        });
    }
}
