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
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Pages.Products;

/// <summary>
/// The staff product list. Its whole state (search, filters, sort, page, page size) lives in the URL: user actions
/// navigate to a new URL and the URL drives the query, so reload, back/forward and a pasted link show the same page.
/// Each load has its own cancellation token, which goes down to the query: a newer URL cancels the older request and its
/// answer is never shown. Loads start once the page is interactive; the prerendered page shows the loading state.
/// A navigation from here reaches the URL a round trip later (the browser reports it back): until it does, further
/// changes build on the query asked for, and typed fields keep what is being typed (<see cref="ListFilterField{T}"/>).
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

    private readonly ListFilterField<string?> _search = new(ReadSearch, text => text,
        (query, search) => query with { Search = search, Sort = query.Sort == ProductSort.Relevance ? null : query.Sort });
    private readonly ListFilterField<decimal?> _minWeight = new(ReadWeight, FormatWeight, (query, kg) => query with { MinWeightKg = kg });
    private readonly ListFilterField<decimal?> _maxWeight = new(ReadWeight, FormatWeight, (query, kg) => query with { MaxWeightKg = kg });
    private readonly List<string> _navigationsInFlight = [];
    private CancellationTokenSource? _load;
    private IJSObjectReference? _module;
    private IReadOnlyList<CategoryOption> _categories = [];
    private IReadOnlyList<(string Value, string Text)> CategoryOptions { get; set; } = [("", "All categories")];
    private ProductListQuery _requested = new();
    private ProductListQuery _intended = new();
    private ProductListQuery? _loadedFor;
    private ProductListResult? _result;
    private MarkupString _rows;
    private ResultCount? _count;
    private ProductListQuery? _countedFilter;
    private CategoryCounts? _categoryCounts;
    private ProductListQuery? _categoryCountsFor;
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
            // Names only, until the counts for the URL's search arrive (CountAsync).
            _categories = await Categories.GetCategoriesAsync();
            ShowCategoryCounts(null);
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
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
        ArrivedAt(ListUri(_requested));
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
                // The page shows at once; the counts follow (only when the filter changed, not when paging or sorting).
                // Another category of the same search takes its total from the category counts already shown.
                _countedFilter = query.Filter;
                _count = _categoryCountsFor == CategoryCountKey(query) ? _categoryCounts?.TotalFor(query.CategoryId) : null;
                if (_count is null)
                {
                    _ = CountAsync(query, cancellationToken);
                }
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
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            _error = "The product list could not be loaded right now. The results shown may be out of date; try again in a moment.";
        }

        _loading = false;
    }

    /// <summary>
    /// Counts by category for the query's search, weights and unit (shown in the category filter), and the total from
    /// them where they give it; otherwise the total is counted on its own.
    /// </summary>
    private async Task CountAsync(ProductListQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var key = CategoryCountKey(query);
            if (_categoryCounts is null || _categoryCountsFor != key)
            {
                ShowCategoryCounts(null);
                var counts = await ProductList.CountByCategoryAsync(query, cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                _categoryCounts = counts;
                _categoryCountsFor = key;
                ShowCategoryCounts(counts);
                await InvokeAsync(StateHasChanged);
            }

            var count = _categoryCounts.TotalFor(query.CategoryId) ?? await ProductList.CountAsync(query, cancellationToken);
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
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            // The total is a nicety: the page is already shown.
        }
    }

    private Task FieldTyped<T>(ListFilterField<T> field, TimeSpan delay) => field.Debounce.RunAsync(delay, () => ApplyField(field));

    /// <summary>Enter, or leaving the field: applies at once.</summary>
    private void FieldCommitted<T>(ListFilterField<T> field, ChangeEventArgs e)
    {
        field.Text = e.Value as string;
        field.Debounce.RunNow(() => ApplyField(field));
    }

    private void ApplyField<T>(ListFilterField<T> field)
    {
        if (field.TakeChange(_intended) is { } query)
        {
            NavigateTo(query);
        }
        else
        {
            // Says whether the text is a value.
            StateHasChanged();
        }
    }

    private void CategoryChanged(string? categoryId) => NavigateTo(_intended with
    {
        CategoryId = int.TryParse(categoryId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
    });

    private void UnitChanged(string? unit) =>
        NavigateTo(_intended with { Unit = Enum.TryParse<UnitOfMeasure>(unit, out var chosen) && Enum.IsDefined(chosen) ? chosen : null });

    private void PageSizeChanged(string? size) => NavigateTo(_intended with
    {
        PageSize = int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) ? chosen : ProductListQuery.DefaultPageSize,
    });

    private void ClearFilters()
    {
        _search.Reset(null);
        _minWeight.Reset(null);
        _maxWeight.Reset(null);
        NavigateTo(new ProductListQuery(PageSize: _intended.PageSize));
    }

    /// <summary>The same column again flips the direction; another column starts ascending.</summary>
    private void SortBy(ProductSort sort) =>
        NavigateTo(_intended with { Sort = sort, Descending = _intended.EffectiveSort == sort && !_intended.Descending });

    /// <summary>Any change of what is shown starts again from the first page.</summary>
    private void NavigateTo(ProductListQuery query)
    {
        query = query with { Position = PagePosition.First };
        var uri = ListUri(query);
        if (_navigationsInFlight.Count == 0 && uri == ListUri(_requested))
        {
            return;
        }

        _intended = query;
        _navigationsInFlight.Add(uri);
        Navigation.NavigateTo(uri);
    }

    /// <summary>
    /// The URL has changed. A navigation from here that arrives leaves the fields as typed; once none is on its way,
    /// the page asks for what the URL says, and fields show any value the URL changed (another page, back, a link).
    /// </summary>
    private void ArrivedAt(string uri)
    {
        var own = _navigationsInFlight.IndexOf(uri);
        if (own >= 0)
        {
            _navigationsInFlight.RemoveRange(0, own + 1);
        }
        else
        {
            _navigationsInFlight.Clear();
        }

        if (_navigationsInFlight.Count == 0)
        {
            _intended = Query;
            _search.Show(Query.Search);
            _minWeight.Show(Query.MinWeightKg);
            _maxWeight.Show(Query.MaxWeightKg);
        }
    }

    private string ListUri(ProductListQuery query) =>
        Navigation.GetUriWithQueryParameters(ProductListUrl.Path, ProductListUrl.ToParameters(query));

    private string PageLink(PagePosition position) => ListUri(Query with { Position = position });

    /// <summary>The category counts of a query are those of its search, weights and unit, whatever its category.</summary>
    private static ProductListQuery CategoryCountKey(ProductListQuery query) => query.Filter with { CategoryId = null };

    /// <summary>The category filter's options, with the counts when they are known ("Hand Tools (297)").</summary>
    private void ShowCategoryCounts(CategoryCounts? counts)
    {
        var total = counts?.TotalFor(null) switch
        {
            { Kind: CountKind.Exact } exact => string.Create(CultureInfo.InvariantCulture, $"All categories ({exact.Value:N0})"),
            { Kind: CountKind.AtLeast } atLeast => string.Create(CultureInfo.InvariantCulture, $"All categories (more than {atLeast.Value:N0})"),
            _ => "All categories",
        };
        CategoryOptions =
        [
            ("", total),
            .. _categories.Select(category => (category.Id.ToString(CultureInfo.InvariantCulture),
                counts?.For(category.Id) is { } count ? string.Create(CultureInfo.InvariantCulture, $"{category.Name} ({count:N0})") : category.Name)),
        ];
    }

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
        _search.Debounce.Dispose();
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

    /// <summary>Any search text is a search; blank is none, and it is normalized as the URL's would be.</summary>
    private static bool ReadSearch(string? text, out string? search)
    {
        search = new ProductListQuery(Search: text).Normalize(out _).Search;
        return true;
    }

    /// <summary>Empty is no filter; a decimal comma is read as a point ("2,5" is 2.5 kg).</summary>
    private static bool ReadWeight(string? text, out decimal? kg)
    {
        kg = null;
        text = text?.Trim();
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

    private static string? FormatWeight(decimal? kg) => kg?.ToString(CultureInfo.InvariantCulture);
}
