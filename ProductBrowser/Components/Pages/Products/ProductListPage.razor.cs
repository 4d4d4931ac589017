using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Products;
using ProductBrowser.Components.Shared;
using ProductBrowser.Data;

namespace ProductBrowser.Components.Pages.Products;

/// <summary>
/// The staff product list. Its whole state (search, filters, sort, page, page size) lives in the URL: user actions
/// navigate to a new URL and the URL drives the query, so reload, back/forward and a pasted link show the same page.
/// Each load has its own cancellation token, which goes down to the query: a newer URL cancels the older request and its
/// answer is never shown. Loads start once the page is interactive; the prerendered page shows the loading state.
/// </summary>
public sealed partial class ProductListPage : ComponentBase, IAsyncDisposable
{
    private static readonly (string Title, ProductSort Sort)[] Columns =
    [
        ("SKU", ProductSort.Sku), ("Name", ProductSort.Name), ("Category", ProductSort.Category),
        ("Weight", ProductSort.Weight), ("Last updated", ProductSort.Updated),
    ];

    private static readonly IReadOnlyList<(string Value, string Text)> UnitOptions =
    [
        ("", "Any unit"),
        .. Enum.GetValues<UnitOfMeasure>().Select(unit => (unit.ToString(), unit.ToString())),
    ];

    private static readonly IReadOnlyList<(string Value, string Text)> PageSizeOptions =
        [.. ProductListQuery.PageSizes.Select(size => (size.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture)))];

    private static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(350);
    private static readonly TimeSpan WeightDelay = TimeSpan.FromMilliseconds(500);

    private readonly Debouncer _searchDebounce = new();
    private readonly WeightInput _minWeight = new((query, kg) => query with { MinWeightKg = kg });
    private readonly WeightInput _maxWeight = new((query, kg) => query with { MaxWeightKg = kg });
    private CancellationTokenSource? _load;
    private IJSObjectReference? _module;
    private IReadOnlyList<(string Value, string Text)> CategoryOptions { get; set; } = [("", "All categories")];
    private ProductListQuery _requested = new();
    private ProductListQuery? _loadedFor;
    private ProductListResult? _result;
    private MarkupString _rows;
    private ResultCount? _count;
    private ProductListQuery? _countedFilter;
    private string? _searchText;
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
    private ProductListQuery Query { get; set; } = new();

    private int? LastPageNumber => _count is { Kind: not CountKind.AtLeast } count
        ? (int)Math.Max(1, (count.Value + Query.PageSize - 1) / Query.PageSize)
        : null;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var categories = await Categories.GetCategoriesAsync();
            CategoryOptions =
            [
                ("", "All categories"),
                .. categories.Select(category => (category.Id.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{category.Name} ({category.ProductCount:N0})"))),
            ];
        }
        catch (Exception ex) when (CatalogFailures.IsDatabaseFailure(ex))
        {
            // The filter offers "All categories" only; the list itself says whether the database answers.
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The service gets the query as asked, so it can say what it had to correct; the page shows it corrected.
        _requested = ProductListUrl.Parse(new ProductListUrl.Parameters(
            Search, Category, MinWeight, MaxWeight, Unit, Sort, Direction, PageSize, Page, After, Before, Last));
        Query = _requested.Normalize(out _);
        _searchText = Query.Search;
        _minWeight.Show(Query.MinWeightKg);
        _maxWeight.Show(Query.MaxWeightKg);
        ReturnState.LastListUri = Navigation.Uri;

        if (RendererInfo.IsInteractive && _requested != _loadedFor)
        {
            await LoadAsync(_requested);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Products/ProductListPage.razor.js");
            await _module.InvokeVoidAsync("attach");
        }

        if (_restoreScroll && _module is not null)
        {
            _restoreScroll = false;
            await _module.InvokeVoidAsync("restoreScroll");
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
            if (_countedFilter != query.Filter)
            {
                // The page shows at once; the total follows when counted (only when the filter changed).
                _count = null;
                _countedFilter = query.Filter;
                _ = CountAsync(query, cancellationToken);
            }

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
        catch (Exception ex) when (CatalogFailures.IsDatabaseFailure(ex))
        {
            _error = "The product list could not be loaded right now. The results shown may be out of date; try again in a moment.";
        }

        _loading = false;
    }

    private async Task CountAsync(ProductListQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var count = await ProductList.CountAsync(query, cancellationToken);
            if (!cancellationToken.IsCancellationRequested && _countedFilter == query.Filter)
            {
                _count = count;
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // A newer query replaced this one.
        }
        catch (Exception ex) when (CatalogFailures.IsDatabaseFailure(ex))
        {
            // The total is a nicety: the page is already shown.
        }
    }

    private Task SearchTyped() => _searchDebounce.RunAsync(SearchDelay, ApplySearch);

    private void SearchCommitted(ChangeEventArgs e)
    {
        _searchText = e.Value as string;
        _searchDebounce.RunNow(ApplySearch);
    }

    private void ApplySearch()
    {
        var text = string.IsNullOrWhiteSpace(_searchText) ? null : _searchText;
        if (text?.Trim() != Query.Search)
        {
            NavigateTo(Query with { Search = text, Sort = Query.Sort == ProductSort.Relevance ? null : Query.Sort });
        }
    }

    private Task WeightTyped(WeightInput field) => field.Debounce.RunAsync(WeightDelay, () => ApplyWeight(field));

    private void WeightCommitted(WeightInput field, ChangeEventArgs e)
    {
        field.Text = e.Value as string;
        field.Debounce.RunNow(() => ApplyWeight(field));
    }

    private void ApplyWeight(WeightInput field)
    {
        if (!field.TryParse(out var kg))
        {
            field.Invalid = true;
            StateHasChanged();
            return;
        }

        field.Invalid = false;
        var query = field.Apply(Query, kg);
        if (query != Query)
        {
            NavigateTo(query);
        }
        else
        {
            StateHasChanged();
        }
    }

    private void CategoryChanged(string? categoryId) => NavigateTo(Query with
    {
        CategoryId = int.TryParse(categoryId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
    });

    private void UnitChanged(string? unit) =>
        NavigateTo(Query with { Unit = Enum.TryParse<UnitOfMeasure>(unit, out var chosen) && Enum.IsDefined(chosen) ? chosen : null });

    private void PageSizeChanged(string? size) => NavigateTo(Query with
    {
        PageSize = int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) ? chosen : ProductListQuery.DefaultPageSize,
    });

    private void ClearFilters() => NavigateTo(new ProductListQuery(PageSize: Query.PageSize));

    /// <summary>The same column again flips the direction; another column starts ascending.</summary>
    private void SortBy(ProductSort sort) =>
        NavigateTo(Query with { Sort = sort, Descending = Query.EffectiveSort == sort && !Query.Descending });

    /// <summary>Any change of what is shown starts again from the first page.</summary>
    private void NavigateTo(ProductListQuery query) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(ProductListUrl.Path,
            ProductListUrl.ToParameters(query with { Position = PagePosition.First })));

    private string PageLink(PagePosition position) =>
        Navigation.GetUriWithQueryParameters(ProductListUrl.Path, ProductListUrl.ToParameters(Query with { Position = position }));

    private string SortIcon(ProductSort sort) => Query.EffectiveSort != sort
        ? Icons.Material.Filled.UnfoldMore
        : Query.Descending ? Icons.Material.Filled.ArrowDownward : Icons.Material.Filled.ArrowUpward;

    private string AriaSort(ProductSort sort) => Query.EffectiveSort != sort ? "none" : Query.Descending ? "descending" : "ascending";

    private string Summary(ProductListResult result)
    {
        var shown = result.Items.Count == 1 ? "1 product shown" : string.Create(CultureInfo.InvariantCulture, $"{result.Items.Count:N0} shown");
        return _count is null ? shown : $"{shown} of {_count.Describe()}";
    }

    private string PageLabel(ProductListResult result) => result.PageNumber switch
    {
        { } n when LastPageNumber is { } last && _count?.Kind == CountKind.Exact => string.Create(CultureInfo.InvariantCulture, $"Page {n:N0} of {last:N0}"),
        { } n when LastPageNumber is { } last => string.Create(CultureInfo.InvariantCulture, $"Page {n:N0} of about {last:N0}"),
        { } n => string.Create(CultureInfo.InvariantCulture, $"Page {n:N0}"),
        null when !result.HasNext => "Last page",
        _ => "Earlier page",
    };

    public async ValueTask DisposeAsync()
    {
        _searchDebounce.Dispose();
        _minWeight.Debounce.Dispose();
        _maxWeight.Debounce.Dispose();

        if (_load is { } load)
        {
            await load.CancelAsync();
            load.Dispose();
        }

        if (_module is not null)
        {
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

    /// <summary>A weight filter's field: the text as typed, and whether it is a weight.</summary>
    private sealed class WeightInput(Func<ProductListQuery, decimal?, ProductListQuery> apply)
    {
        public Debouncer Debounce { get; } = new();

        public string? Text { get; set; }

        public bool Invalid { get; set; }

        public ProductListQuery Apply(ProductListQuery query, decimal? kg) => apply(query, kg);

        /// <summary>Shows the weight the URL asks for.</summary>
        public void Show(decimal? kg)
        {
            Text = kg?.ToString(CultureInfo.InvariantCulture);
            Invalid = false;
        }

        /// <summary>Empty is no filter; a decimal comma is read as a point ("2,5" is 2.5 kg).</summary>
        public bool TryParse(out decimal? kg)
        {
            kg = null;
            var text = Text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            if (!text.Contains('.', StringComparison.Ordinal))
            {
                text = text.Replace(',', '.');
            }

            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                kg = parsed;
                return true;
            }

            return false;
        }
    }
}
