using System.Globalization;
using Microsoft.AspNetCore.Components;
using ProductBrowser.Catalog;

namespace ProductBrowser.Components.Pages.Products;

/// <summary>
/// The product list. Its whole state (search, page, page size) lives in the URL, so a reload, back/forward or a pasted
/// link shows the same page; user actions change the URL and the URL drives the query.
/// </summary>
public sealed partial class ProductListPage : ComponentBase, IDisposable
{
    private CancellationTokenSource? _loadCancellation;
    private bool _loading;
    private string? _error;
    private string? _searchText;

    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchParameter { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public string? PageParameter { get; set; }

    [SupplyParameterFromQuery(Name = "size")]
    public string? PageSizeParameter { get; set; }

    /// <summary>Carried from prerendering to the circuit so the list query runs once per visit.</summary>
    [PersistentState]
    public ProductListResult? Loaded { get; set; }

    [Inject]
    private IProductListService ProductList { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        var query = new ProductListQuery(SearchParameter, ParsePositive(PageParameter) ?? 1,
            ParsePositive(PageSizeParameter) ?? ProductListQuery.DefaultPageSize).Normalize();
        _searchText = query.Search;

        if (Loaded?.Query == query)
        {
            return;
        }

        // A newer URL wins: the previous query is cancelled and its answer discarded.
        if (_loadCancellation is not null)
        {
            await _loadCancellation.CancelAsync();
            _loadCancellation.Dispose();
        }

        var cts = _loadCancellation = new CancellationTokenSource();
        _loading = true;
        try
        {
            var page = await ProductList.GetPageAsync(query, cts.Token);
            if (!cts.IsCancellationRequested)
            {
                Loaded = page;
                _error = null;
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (CatalogFailures.IsDatabaseFailure(ex))
        {
            // Keep the last results on screen; say what went wrong.
            _error = "The product list could not be loaded right now. The results shown may be out of date; try again in a moment.";
        }
        finally
        {
            if (ReferenceEquals(cts, _loadCancellation))
            {
                _loading = false;
            }
        }
    }

    private Task SearchChangedAsync(string? text)
    {
        _searchText = text;
        NavigateTo(text, page: 1, Loaded?.Query.PageSize);
        return Task.CompletedTask;
    }

    private void ClearSearch() => NavigateTo(null, 1, Loaded?.Query.PageSize);

    private void GoToPage(int page) => NavigateTo(Loaded?.Query.Search, page, Loaded?.Query.PageSize);

    private void PageSizeChanged(int size) => NavigateTo(Loaded?.Query.Search, 1, size);

    private void NavigateTo(string? search, int page, int? pageSize)
    {
        var uri = Navigation.GetUriWithQueryParameters("/products", new Dictionary<string, object?>
        {
            ["q"] = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            ["page"] = page > 1 ? page : null,
            ["size"] = pageSize is { } size && size != ProductListQuery.DefaultPageSize ? size : null,
        });
        Navigation.NavigateTo(uri);
    }

    private static int PageCount(ProductListResult page) =>
        Math.Max(1, (page.TotalCount + page.Query.PageSize - 1) / page.Query.PageSize);

    private static string Summary(ProductListResult page)
    {
        var first = (page.Query.Page - 1) * page.Query.PageSize + 1;
        var last = first + page.Items.Count - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{first:N0}–{last:N0} of {page.TotalCount:N0} products");
    }

    private static int? ParsePositive(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    public void Dispose()
    {
        _loadCancellation?.Cancel();
        _loadCancellation?.Dispose();
    }
}
