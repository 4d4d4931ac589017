using System.Net.WebSockets;
using System.Text.Json;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>How circuits' WebSockets are set up, seen from a client's handshake with the real app.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CircuitTransportTests(BrowserFixture browser)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CircuitMessagesAreCompressedOneByOneSoIdleCircuitsKeepNoCompressor()
    {
        var cookies = new System.Net.CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        {
            BaseAddress = browser.App.BaseAddress,
        };
        await SignInForm.PostAsync(client, BrowserFixture.Staff, BrowserFixture.DemoPassword);
        var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Cancellation);
        negotiate.EnsureSuccessStatusCode();
        using var negotiated = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync(Cancellation));
        var token = negotiated.RootElement.GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        socket.Options.Cookies = cookies;
        var address = new UriBuilder(browser.App.BaseAddress) { Scheme = "ws", Path = "/_blazor", Query = $"id={token}" }.Uri;
        await socket.ConnectAsync(address, Cancellation);

        var extensions = string.Join(", ", socket.HttpResponseHeaders?["Sec-WebSocket-Extensions"] ?? []);
        Assert.Contains("permessage-deflate", extensions, StringComparison.Ordinal);
        Assert.Contains("server_no_context_takeover", extensions, StringComparison.Ordinal);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Cancellation);
    }
}
