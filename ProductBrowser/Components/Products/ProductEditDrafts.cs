using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Products;

/// <summary>
/// The edit form's unsaved input in the tab's sessionStorage (ProductEditPage.razor.js). The browser writes it on every
/// input event, so it holds what the user typed even when the circuit never received it; an instance that stops or dies
/// loses its circuits, and the page reloaded on another instance takes the input back from here.
/// </summary>
public sealed class ProductEditDrafts(IJSRuntime js) : IAsyncDisposable
{
    public const string CategoryField = "edit-category";
    public const string UnitField = "edit-unit";

    private IJSObjectReference? _module;
    private string _key = "";

    /// <summary>Loads the script and returns the draft this tab holds for the product, if any.</summary>
    public async Task<ProductEditDraft?> OpenAsync(Guid productId)
    {
        _key = $"productbrowser.edit-draft:{productId:N}";
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Products/ProductEditPage.razor.js");
        return await _module.InvokeAsync<ProductEditDraft?>("find", _key);
    }

    /// <summary>From now on every input in <paramref name="form"/> goes to the draft, typed against <paramref name="version"/>.</summary>
    public async Task TrackAsync(ElementReference form, uint version) =>
        await Module.InvokeVoidAsync("track", form, _key, version);

    /// <summary>A value that is chosen on the server rather than typed (the selects).</summary>
    public async Task KeepAsync(string field, string value) => await Module.InvokeVoidAsync("keep", field, value);

    public async Task KeepVersionAsync(uint version) => await Module.InvokeVoidAsync("keepVersion", version);

    public async Task DiscardAsync() => await Module.InvokeVoidAsync("discard", _key);

    private IJSObjectReference Module => _module ?? throw new InvalidOperationException("OpenAsync first.");

    /// <summary>
    /// Puts the draft's values into <paramref name="model"/>: text as typed, numbers the way the fields read them (a value
    /// they would not take is left as it was), and the version the input was typed against, so saving over a version
    /// saved since still shows the conflict. Returns whether anything differed.
    /// </summary>
    public static bool Apply(ProductEditDraft draft, ProductEditModel model)
    {
        var before = System.Text.Json.JsonSerializer.Serialize(model);
        foreach (var (field, value) in draft.Fields)
        {
            switch (field)
            {
                case "edit-sku": model.Sku = value; break;
                case "edit-gtin": model.Gtin = value.Length == 0 ? null : value; break;
                case "edit-name": model.Name = value; break;
                case "edit-description": model.Description = value; break;
                case "edit-brand": model.Brand = value; break;
                case "edit-bin": model.BinLocation = value; break;
                case "edit-weight": model.WeightKg = Number(value, model.WeightKg); break;
                case "edit-length": model.LengthCm = Number(value, model.LengthCm); break;
                case "edit-width": model.WidthCm = Number(value, model.WidthCm); break;
                case "edit-height": model.HeightCm = Number(value, model.HeightCm); break;
                case "edit-units-per-pack":
                    model.UnitsPerPack = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var units) ? units : model.UnitsPerPack;
                    break;
                case CategoryField:
                    model.CategoryId = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var category) ? category : model.CategoryId;
                    break;
                case UnitField:
                    model.UnitOfMeasure = Enum.TryParse<UnitOfMeasure>(value, out var unit) ? unit : model.UnitOfMeasure;
                    break;
                default:
                    // A field of another version of the form: nothing here takes it.
                    break;
            }
        }

        if (draft.Fields.Count > 0)
        {
            model.Version = draft.Version;
        }

        return System.Text.Json.JsonSerializer.Serialize(model) != before;
    }

    // The form's numeric fields use the invariant culture (MudBlazor's default), as here.
    private static decimal Number(string value, decimal unchanged) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : unchanged;

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("untrack");
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it.
        }
    }
}
