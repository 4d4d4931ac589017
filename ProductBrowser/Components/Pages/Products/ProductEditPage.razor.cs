using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
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
/// survives the loss of the instance (docs/decisions/0015-circuit-state-across-instances.md): <see cref="Model"/> is
/// persisted with the circuit when it is paused (an instance stopping gracefully asks for that), and every change is
/// also kept in the tab's storage (<see cref="ProductEditDrafts"/>) for an instance that dies without warning.
/// </summary>
public sealed partial class ProductEditPage : ComponentBase
{
    private string _baseline = "";
    private bool _restoredDraft;
    private ProductEditDrafts Drafts => _drafts ??= new ProductEditDrafts(TabStorage);
    private ProductEditDrafts? _drafts;
    private IReadOnlyList<CategoryOption> _categories = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private ProductDetails? _conflict;
    private string? _loadError;
    private bool _saving;

    [Parameter]
    public string Id { get; set; } = "";

    /// <summary>
    /// The form as the user left it. Persisted from the prerender (so the product is read once) and when the circuit is
    /// paused, and restored into the circuit that resumes it, on this instance or another.
    /// </summary>
    [PersistentState]
    public ProductEditModel? Model { get; set; }

    [Inject] private IProductQueryService Reads { get; set; } = null!;
    [Inject] private IProductEditService Editor { get; set; } = null!;
    [Inject] private ICategoryDirectory Categories { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<ProductEditPage> Logger { get; set; } = null!;
    [Inject] private ProtectedSessionStorage TabStorage { get; set; } = null!;
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
        _baseline = Model is null ? "" : ProductEditDrafts.Baseline(Model);
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
        if (Model is null || _loadError is not null)
        {
            return;
        }

        if (firstRender && await Drafts.FindAsync(Model.Id) is { } draft)
        {
            // The page was reloaded after its circuit was lost: the input typed before comes back, with the version it
            // was typed against, so saving over a newer version still shows the conflict.
            var restored = ProductEditDrafts.Baseline(draft) != ProductEditDrafts.Baseline(Model);
            Model = draft;
            _restoredDraft = restored;
            StateHasChanged();
            return;
        }

        var wasUpToDate = Drafts.IsUpToDate;
        await Drafts.KeepAsync(Model, _baseline);
        if (wasUpToDate != Drafts.IsUpToDate || !Drafts.IsUpToDate)
        {
            StateHasChanged();
        }
    }

    private async Task DiscardDraftAsync()
    {
        if (Model is not null)
        {
            await Drafts.DiscardAsync(Model.Id);
            Navigation.Refresh(forceReload: true);
        }
    }

    private async Task CancelAsync()
    {
        if (Model is not null)
        {
            await Drafts.DiscardAsync(Model.Id);
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
                    await Drafts.DiscardAsync(Model.Id);
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

    private void LoadTheirs()
    {
        if (_conflict is not null)
        {
            Model = ProductEditModel.From(_conflict);
            _conflict = null;
            _errors = new Dictionary<string, string>();
        }
    }

    /// <summary>Take their version number, keep my values: the next save is a deliberate overwrite.</summary>
    private void KeepMine()
    {
        if (_conflict is not null && Model is not null)
        {
            Model.Version = _conflict.Version;
            _conflict = null;
        }
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {User} saved product {ProductId}")]
    private static partial void LogSaved(ILogger logger, string user, Guid productId);
}
