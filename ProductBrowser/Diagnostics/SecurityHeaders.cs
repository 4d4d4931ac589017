namespace ProductBrowser.Diagnostics;

public static class SecurityHeaders
{
    // Blazor Server and MudBlazor need inline styles, the import map is an inline script, and the circuit is a
    // WebSocket to the same origin; nothing is loaded from elsewhere and the app is never framed.
    // 'wasm-unsafe-eval' lets the lookup page's camera scanner compile its barcode decoder (ZXing as WebAssembly, served
    // from wwwroot/lib and fetched under connect-src 'self'); it allows compiling WebAssembly only, not eval() of
    // script. The camera preview needs nothing more: a MediaStream given to a <video> as srcObject is not a fetch, so
    // media-src and blob: are not involved.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            await next();
        });
        return app;
    }
}
