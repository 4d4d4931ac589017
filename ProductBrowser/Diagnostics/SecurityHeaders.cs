using System.Security.Cryptography;

namespace ProductBrowser.Diagnostics;

public static class SecurityHeaders
{
    private const string NonceKey = "productbrowser.csp-nonce";

    /// <summary>
    /// The policy, one header per response. Scripts: the app's own files, plus the one inline script (the import map)
    /// by this response's nonce; nothing else inline runs, injected or not. Styles still allow inline: MudBlazor and
    /// Blazor set style attributes on elements (positions of popovers, progress widths), which no nonce or hash can
    /// cover. 'wasm-unsafe-eval' lets the lookup page's camera scanner compile its barcode decoder (ZXing as
    /// WebAssembly, served from wwwroot/lib and fetched under connect-src 'self'): it allows compiling WebAssembly only,
    /// not eval() of script; the camera preview needs nothing more (a MediaStream as a video's srcObject is no fetch).
    /// The circuit is a WebSocket to the same origin; nothing is loaded from elsewhere; the app is never framed.
    /// </summary>
    private static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>This response's script nonce, for the import map (<c>App.razor</c>).</summary>
    public static string? CspNonce(this HttpContext context) => context.Items[NonceKey] as string;

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            await next();
        });
        return app;
    }
}
