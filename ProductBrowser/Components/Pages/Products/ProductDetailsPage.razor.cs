using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Components.Products;
using ProductBrowser.Components.Shared;

namespace ProductBrowser.Components.Pages.Products;

/// <summary>
/// <c>/products/{id}</c>: reads the product through <see cref="IProductQueryService"/> (cache-aside) and hands it to
/// the presentation components. A malformed id is the not-found page; an unknown one says so beside the cache panel,
/// answered with 404 all the same.
/// </summary>
public sealed partial class ProductDetailsPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private bool _isAdmin;

    [Parameter]
    public string Id { get; set; } = "";

    /// <summary>
    /// Survives the hand-over from prerendering to the interactive circuit, so a visit reads the product once and the
    /// panel shows that read (a first visit is a MISS, not the HIT a second load would see).
    /// </summary>
    [PersistentState]
    public ProductReadResult? Read { get; set; }

    [Inject]
    private IProductQueryService ProductQueries { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private ListReturnState ReturnState { get; set; } = null!;

    [Inject]
    private ProductChangeNotifications Changes { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The request being prerendered; null once the page runs in its circuit.</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private string BackUri => ReturnState.LastListUri ?? "/products";

    private string Title => Read switch
    {
        { Product: { } product } => product.Name,
        { Status: Catalog.ProductReadStatus.NotFound } => "Product not found",
        { Status: Catalog.ProductReadStatus.Unavailable } => "Catalog unavailable",
        _ => "Product",
    };

    protected override void OnInitialized() => Changes.Changed += OnProductChanged;

    /// <summary>Someone changed this product (here, in psql, in an import): show the new values without a reload.</summary>
    private void OnProductChanged(ProductChange change)
    {
        if (Read is not { } shown || !(change.IsEverything || change.ProductId == shown.ProductId))
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            var fresh = await ProductQueries.GetProductAsync(shown.ProductId, _disposed.Token);
            if (fresh.Product != Read?.Product)
            {
                Read = fresh;
                Snackbar.Add(fresh.Product is null ? "This product was just removed." : "This product was just updated; you are seeing the new values.",
                    Severity.Info);
                StateHasChanged();
            }
        });
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!Guid.TryParse(Id, out var id))
        {
            Navigation.NotFound();
            return;
        }

        // Admins see the edit button and the cache panel; others never receive them in the markup.
        _isAdmin = AuthenticationState is not null
            && (await Authorization.AuthorizeAsync((await AuthenticationState).User, Accounts.AccountsExtensions.AdminPolicy)).Succeeded;

        if (Read?.ProductId != id)
        {
            Read = null;
            await LoadAsync(id);
        }

        if (Read?.Status == ProductReadStatus.NotFound)
        {
            ResponseStatus.Set(HttpContext, StatusCodes.Status404NotFound);
        }
    }

    private async Task RetryAsync()
    {
        if (Read is not null)
        {
            var id = Read.ProductId;
            Read = null;
            await LoadAsync(id);
        }

        if (Read?.Status == ProductReadStatus.NotFound)
        {
            ResponseStatus.Set(HttpContext, StatusCodes.Status404NotFound);
        }
    }

    private async Task LoadAsync(Guid id) => Read = await ProductQueries.GetProductAsync(id, _disposed.Token);

    public void Dispose()
    {
        Changes.Changed -= OnProductChanged;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
