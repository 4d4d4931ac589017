using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Products;
using ProductBrowser.Components.Products.List;

namespace ProductBrowser.Components.Pages.Products;

/// <summary>
/// The staff product list. Its whole state (search, filters, sort, page, page size) lives in the URL: user actions
/// navigate to a new URL and the URL drives the query, so reload, back/forward and a pasted link show the same page.
/// Each load has its own cancellation token, which goes down to the query: a newer URL cancels the older request and its
/// answer is never shown. Loads start once the page is interactive; the prerendered page shows the loading state.
/// The page only orchestrates: <see cref="ListNavigation"/> keeps the URL and the query in step,
/// <see cref="ListFilterFields"/> hold what is typed, <see cref="ListCounts"/> the counts, and the parts render.
/// </summary>
public sealed partial class ProductListPage : ComponentBase, IAsyncDisposable
{
    private readonly ListFilterFields _fields = new();
    private ListNavigation _navigation = null!;
    private ListCounts _counts = null!;
    private ProductListScript _script = null!;
    private CancellationTokenSource? _load;
    private ProductListQuery? _loadedFor;
    private ProductListResult? _result;
    private MarkupString _rows;
    private string? _error;
    private bool _loading;
    private bool _restoreScroll;

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string? Category { get; set; }
    [SupplyParameterFromQuery(Name = "wmin")] public string? MinWeight { get; set; }
    [SupplyParameterFromQuery(Name = "wmax")] public string? MaxWeight { get; set; }
    [SupplyParameterFromQuery(Name = "unit")] public string? Unit { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Direction { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public string? PageSize { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? Page { get; set; }
    [SupplyParameterFromQuery(Name = "after")] public string? After { get; set; }
    [SupplyParameterFromQuery(Name = "before")] public string? Before { get; set; }
    [SupplyParameterFromQuery(Name = "last")] public string? Last { get; set; }

    [Inject] private IProductListService ProductList { get; set; } = null!;
    [Inject] private ICategoryDirectory Categories { get; set; } = null!;
    [Inject] private ListReturnState ReturnState { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>The query the URL asks for, normalized.</summary>
    private ProductListQuery Query => _navigation.Query;

    protected override async Task OnInitializedAsync()
    {
        _navigation = new ListNavigation(Navigation);
        _counts = new ListCounts(ProductList, () => InvokeAsync(StateHasChanged));
        _script = new ProductListScript(JS);
        await _counts.LoadCategoriesAsync(Categories);
    }

    protected override async Task OnParametersSetAsync()
    {
        // The service gets the query as asked, so it can say what it had to correct; the page shows it corrected.
        var requested = ProductListUrl.Parse(new ProductListUrl.Parameters(
            Search, Category, MinWeight, MaxWeight, Unit, Sort, Direction, PageSize, Page, After, Before, Last));
        if (_navigation.ArriveAt(requested))
        {
            _fields.Show(Query);
        }

        ReturnState.LastListUri = Navigation.Uri;

        if (RendererInfo.IsInteractive && requested != _loadedFor)
        {
            await LoadAsync(requested);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await _script.AttachAsync();
        }

        if (_restoreScroll && _script.Attached)
        {
            _restoreScroll = false;
            await _script.RestoreScrollAsync();
        }
    }

    /// <summary>Loads a page for the query; a newer load cancels this one, whose answer is then dropped.</summary>
    private async Task LoadAsync(ProductListQuery query)
    {
        if (_load is { } previous)
        {
            await previous.CancelAsync();
            previous.Dispose();
        }

        var load = new CancellationTokenSource();
        _load = load;
        var cancellationToken = load.Token;
        _loading = true;
        StateHasChanged();
        try
        {
            var page = await ProductList.GetPageAsync(query, cancellationToken);
            _counts.PageShown(query, cancellationToken);
            _result = page;
            _rows = ProductRowsMarkup.Render(page.Items);
            _loadedFor = query;
            _error = null;
            _restoreScroll = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer request replaced this one; its answer will be shown instead.
            return;
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            _error = "The product list could not be loaded right now. The results shown may be out of date; try again in a moment.";
        }

        _loading = false;
    }

    /// <summary>A part asked for another list: the page goes to its URL (nothing happens when there is none).</summary>
    private void Change(ListChange change)
    {
        if (change(_navigation.Intended) is { } query)
        {
            _navigation.GoTo(query);
        }
    }

    private void ClearFilters()
    {
        _fields.Reset();
        _navigation.GoTo(new ProductListQuery(PageSize: _navigation.Intended.PageSize));
    }

    public async ValueTask DisposeAsync()
    {
        _fields.Dispose();
        if (_load is { } load)
        {
            await load.CancelAsync();
            load.Dispose();
        }

        await _script.DisposeAsync();
    }
}
