using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ProductBrowser.Components.Lookup;

/// <summary>
/// Reads barcodes with the device's camera (rear camera first) and hands each decoded code to the element
/// <see cref="TargetId"/> as a <c>productbrowser:scan</c> event (<c>detail.code</c>), which the lookup page treats
/// like a scanner's scan. Decoding uses the browser's <c>BarcodeDetector</c> where it reads every format we need, else
/// the bundled WebAssembly build of ZXing (<c>wwwroot/lib</c>).
/// </summary>
public sealed partial class CameraScanner : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private ElementReference _root;
    private IJSObjectReference? _module;
    private IJSObjectReference? _attachment;

    /// <summary>The id of the input that receives decoded codes (and focus when the camera closes or fails).</summary>
    [Parameter, EditorRequired]
    public string TargetId { get; set; } = "";

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, "./Components/Lookup/CameraScanner.razor.js");
        _attachment = await _module.InvokeAsync<IJSObjectReference>("attach", _disposed.Token, _root, TargetId);
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        try
        {
            // Stops the camera: leaving the page must not leave it running.
            if (_attachment is not null)
            {
                await _attachment.InvokeVoidAsync("dispose");
                await _attachment.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the script stops the camera itself when the page is hidden or left.
        }

        _disposed.Dispose();
    }
}
