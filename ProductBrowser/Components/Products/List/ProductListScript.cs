using Microsoft.JSInterop;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// The list page's script (ProductListPage.razor.js): the "/" shortcut to the search box, a click anywhere on a row
/// opening it, and the scroll position kept across leaving and coming back, which the browser cannot restore itself
/// because the rows arrive after the page has loaded.
/// </summary>
public sealed class ProductListScript(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    public bool Attached => _module is not null;

    /// <summary>Starts listening; once the page is interactive, so there is a browser to talk to.</summary>
    public async Task AttachAsync()
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Products/ProductListPage.razor.js");
        await _module.InvokeVoidAsync("attach");
    }

    /// <summary>Scrolls back to where this list URL was left, if it was.</summary>
    public async Task RestoreScrollAsync() => await _module!.InvokeVoidAsync("restoreScroll");

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("detach");
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it.
        }
    }
}
