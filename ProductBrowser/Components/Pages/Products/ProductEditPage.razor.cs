using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Editing;
using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Products;
using ProductBrowser.Components.Shared;

namespace ProductBrowser.Components.Pages.Products;

/// <summary>
/// <c>/products/{id}/edit</c>, admins only. Saves through <see cref="IProductEditService"/>; when someone else saved
/// first, shows their values and lets the admin start again from them or knowingly save over them.
/// </summary>
public sealed partial class ProductEditPage : ComponentBase
{
    private ProductEditModel? _model;
    private IReadOnlyList<CategoryOption> _categories = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private ProductDetails? _conflict;
    private string? _loadError;
    private bool _saving;

    [Parameter]
    public string Id { get; set; } = "";

    [Inject] private IProductQueryService Reads { get; set; } = null!;
    [Inject] private IProductEditService Editor { get; set; } = null!;
    [Inject] private ICategoryDirectory Categories { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<ProductEditPage> Logger { get; set; } = null!;
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

        var read = await Reads.GetProductAsync(id);
        _model = read.Status switch
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

    private async Task SaveAsync()
    {
        if (_model is null || _saving)
        {
            return;
        }

        _saving = true;
        try
        {
            // The page is for admins only, so someone is signed in.
            var user = (await Authentication).User.Identity?.Name ?? "?";
            var result = await Editor.SaveAsync(_model.ToEdit(), user);
            _errors = result.Errors;
            switch (result.Status)
            {
                case ProductSaveStatus.Saved:
                    LogSaved(Logger, user, _model.Id);
                    Snackbar.Add($"Saved {result.Current?.Sku}.", Severity.Success);
                    Navigation.NavigateTo($"/products/{_model.Id}");
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
            _model = ProductEditModel.From(_conflict);
            _conflict = null;
            _errors = new Dictionary<string, string>();
        }
    }

    /// <summary>Take their version number, keep my values: the next save is a deliberate overwrite.</summary>
    private void KeepMine()
    {
        if (_conflict is not null && _model is not null)
        {
            _model.Version = _conflict.Version;
            _conflict = null;
        }
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {User} saved product {ProductId}")]
    private static partial void LogSaved(ILogger logger, string user, Guid productId);
}
