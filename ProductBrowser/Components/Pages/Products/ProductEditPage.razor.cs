using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Products;
using ProductBrowser.Components.Shared;

namespace ProductBrowser.Components.Pages.Products;

/// <summary>
/// <c>/products/{id}/edit</c>, admins only. Saves through <see cref="IProductEditService"/>; when someone else saved
/// first, shows their values and lets the admin start again from them or knowingly save over them. Unsaved input
/// survives the loss of the instance (docs/decisions/0016-circuit-state-across-instances.md): the browser keeps it in
/// the tab's storage as it is typed (<see cref="ProductEditDrafts"/>), and the page reloaded on another instance takes it
/// back.
/// </summary>
public sealed partial class ProductEditPage : ComponentBase, IAsyncDisposable
{
    private ElementReference _fields;
    private bool _restoredDraft;
    private ProductEditDrafts? _drafts;
    private IReadOnlyList<CategoryOption> _categories = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private ProductDetails? _conflict;
    private string? _loadError;
    private bool _saving;

    [Parameter]
    public string Id { get; set; } = "";

    /// <summary>
    /// The form as the user left it. Persisted from the prerender, so the product is read once, and with a circuit that
    /// is evicted after a long disconnection (into Redis), so the circuit that resumes it, on any instance, has the form.
    /// </summary>
    [PersistentState]
    public ProductEditModel? Model { get; set; }

    [Inject] private IProductQueryService Reads { get; set; } = null!;
    [Inject] private IProductEditService Editor { get; set; } = null!;
    [Inject] private ICategoryDirectory Categories { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<ProductEditPage> Logger { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (!Guid.TryParse(Id, out var id))
        {
            Navigation.NotFound();
            return;
        }

        try
        {
            _categories = await Categories.GetCategoriesAsync();
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            _loadError = "The catalog is temporarily unavailable; editing is not possible right now.";
            return;
        }

        if (Model is { } restored && restored.Id == id)
        {
            // Brought back with the circuit (or from the prerender): the user's values, not the database's.
            return;
        }

        var read = await Reads.GetProductAsync(id);
        Model = read.Status switch
        {
            ProductReadStatus.Found => ProductEditModel.From(read.Product!),
            _ => null,
        };
        _loadError = read.Status switch
        {
            ProductReadStatus.NotFound => "There is no product with this id.",
            ProductReadStatus.Unavailable => "The catalog is temporarily unavailable; editing is not possible right now.",
            _ when read.Cache.Outcome == CacheOutcome.Stale => "The catalog database is unavailable; editing is not possible right now.",
            _ => null,
        };

        if (read.Status == ProductReadStatus.NotFound)
        {
            ResponseStatus.Set(HttpContext, StatusCodes.Status404NotFound);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_drafts is not null || Model is null || _loadError is not null)
        {
            return;
        }

        // The form's first interactive render: from here the browser keeps what is typed in it.
        _drafts = new ProductEditDrafts(JS);
        if (await _drafts.OpenAsync(Model.Id) is { } draft && ProductEditDrafts.Apply(draft, Model))
        {
            // The page was reloaded after its circuit was lost: the input typed before comes back.
            _restoredDraft = true;
            StateHasChanged();
        }

        await _drafts.TrackAsync(_fields, Model.Version);
    }

    private async Task CategoryChosenAsync() =>
        await KeepAsync(ProductEditDrafts.CategoryField, Model!.CategoryId.ToString(CultureInfo.InvariantCulture));

    private async Task UnitChosenAsync() => await KeepAsync(ProductEditDrafts.UnitField, Model!.UnitOfMeasure.ToString());

    private async Task KeepAsync(string field, string value)
    {
        if (_drafts is not null)
        {
            await _drafts.KeepAsync(field, value);
        }
    }

    private async Task DiscardDraftAsync()
    {
        if (_drafts is not null)
        {
            await _drafts.DiscardAsync();
        }

        Navigation.Refresh(forceReload: true);
    }

    private async Task CancelAsync()
    {
        if (_drafts is not null)
        {
            await _drafts.DiscardAsync();
        }

        Navigation.NavigateTo($"/products/{Id}");
    }

    private async Task SaveAsync()
    {
        if (Model is null || _saving)
        {
            return;
        }

        _saving = true;
        try
        {
            // The page is for admins only, so someone is signed in.
            var user = (await Authentication).User.Identity?.Name ?? "?";
            var result = await Editor.SaveAsync(Model.ToEdit(), user);
            _errors = result.Errors;
            switch (result.Status)
            {
                case ProductSaveStatus.Saved:
                    LogSaved(Logger, user, Model.Id);
                    if (_drafts is not null)
                    {
                        await _drafts.DiscardAsync();
                    }

                    Snackbar.Add($"Saved {result.Current?.Sku}.", Severity.Success);
                    Navigation.NavigateTo($"/products/{Model.Id}");
                    break;
                case ProductSaveStatus.Conflict:
                    _conflict = result.Current;
                    break;
                case ProductSaveStatus.NotFound:
                    _loadError = "This product was deleted while you were editing it.";
                    break;
                case ProductSaveStatus.Unavailable:
                    Snackbar.Add("The catalog is temporarily unavailable; nothing was saved. Try again in a moment.", Severity.Error);
                    break;
                default:
                    Snackbar.Add("Some fields need attention.", Severity.Warning);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task LoadTheirsAsync()
    {
        if (_conflict is not null)
        {
            Model = ProductEditModel.From(_conflict);
            _conflict = null;
            _errors = new Dictionary<string, string>();
            if (_drafts is not null)
            {
                // What was typed is given up for their version; new input is typed against it.
                await _drafts.DiscardAsync();
                await _drafts.TrackAsync(_fields, Model.Version);
            }
        }
    }

    /// <summary>Take their version number, keep my values: the next save is a deliberate overwrite.</summary>
    private async Task KeepMineAsync()
    {
        if (_conflict is not null && Model is not null)
        {
            Model.Version = _conflict.Version;
            _conflict = null;
            if (_drafts is not null)
            {
                await _drafts.KeepVersionAsync(Model.Version);
            }
        }
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    public async ValueTask DisposeAsync()
    {
        if (_drafts is not null)
        {
            await _drafts.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {User} saved product {ProductId}")]
    private static partial void LogSaved(ILogger logger, string user, Guid productId);
}
