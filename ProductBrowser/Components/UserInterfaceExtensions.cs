using MudBlazor.Services;
using ProductBrowser.Components.Products;

namespace ProductBrowser.Components;

public static class UserInterfaceExtensions
{
    /// <summary>The longest request line accepted (the balancer's <c>large_client_header_buffers</c> matches it).</summary>
    public const int MaxRequestLineBytes = 32 * 1024;

    public static IHostApplicationBuilder AddUserInterface(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ListReturnState>();
        // List state lives in the URL (decision 3): a pasted link with a long search must reach the page, which shortens
        // it with a notice, rather than stop at Kestrel's 8 KB request line as a bare 414.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes);
        return builder;
    }

    /// <summary>
    /// The friendly error page for an unhandled exception (outside Development). Goes first in the pipeline, so it covers
    /// every middleware and endpoint after it.
    /// </summary>
    public static WebApplication UseErrorPage(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        return app;
    }

    public static WebApplication UseUserInterface(this WebApplication app)
    {
        // Pages and files only: a bare 404 from them becomes the not-found page (the API's problem responses have bodies).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options =>
        {
            // One policy per response: ours (Diagnostics/SecurityHeaders) already says frame-ancestors 'none', stricter
            // than the second header the framework would add with compressed WebSockets.
            options.ContentSecurityFrameAncestorsPolicy = null;
            options.ConfigureWebSocketAcceptContext = (_, accept) =>
            {
                // Render batches stay compressed, but each message is compressed on its own: with context takeover
                // every idle circuit would keep a zlib compressor (about 256 KB of native memory) between messages.
                accept.DangerousEnableCompression = true;
                accept.DisableServerContextTakeover = true;
                return Task.CompletedTask;
            };
        });
        return app;
    }
}
