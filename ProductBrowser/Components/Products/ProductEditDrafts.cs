using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace ProductBrowser.Components.Products;

/// <summary>
/// The edit form's unsaved input, kept in the tab's sessionStorage (encrypted with the shared data-protection keys) after
/// every change. Blazor persists a circuit only when it is paused or evicted; when an instance dies abruptly its circuits
/// are gone unsaved, and the reloaded page on another instance takes the input back from here.
/// </summary>
public sealed class ProductEditDrafts(ProtectedSessionStorage storage)
{
    private string? _kept;

    /// <summary>True once the latest input is in the browser (or there is nothing to keep).</summary>
    public bool IsUpToDate { get; private set; } = true;

    public async Task<ProductEditModel?> FindAsync(Guid productId)
    {
        try
        {
            var found = await storage.GetAsync<ProductEditModel>(Key(productId));
            return found.Success && found.Value?.Id == productId ? found.Value : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or JSException)
        {
            // A draft written with keys or a shape this instance does not know: start from the saved product.
            return null;
        }
    }

    /// <summary>Writes the form to the browser when it changed since the last write; the baseline is not a draft.</summary>
    public async Task KeepAsync(ProductEditModel model, string baseline)
    {
        var current = JsonSerializer.Serialize(model);
        if (current == (_kept ?? baseline))
        {
            IsUpToDate = true;
            return;
        }

        IsUpToDate = false;
        try
        {
            await storage.SetAsync(Key(model.Id), model);
            _kept = current;
            IsUpToDate = true;
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The browser is gone or refused (storage full): the circuit still holds the input.
        }
    }

    public async Task DiscardAsync(Guid productId)
    {
        _kept = null;
        IsUpToDate = true;
        try
        {
            await storage.DeleteAsync(Key(productId));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Nothing more to do: the draft expires with the tab.
        }
    }

    public static string Baseline(ProductEditModel model) => JsonSerializer.Serialize(model);

    private static string Key(Guid productId) => $"product-draft:{productId:N}";
}
