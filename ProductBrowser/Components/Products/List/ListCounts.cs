using System.Globalization;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.List;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// The list's counts: the total of the query (for the summary and the last page) and the counts by category of its
/// search, weights and unit (in the category filter, "Hand Tools (297)"). A page shows at once and its counts follow;
/// they are counted again only when the filter changes, not when paging or sorting, and another category of the same
/// search takes its total from the category counts already shown. <paramref name="changed"/> re-renders the page.
/// </summary>
public sealed class ListCounts(IProductListService productList, Func<Task> changed)
{
    private IReadOnlyList<CategoryOption> _categories = [];
    private ProductListQuery? _countedFilter;
    private CategoryCounts? _categoryCounts;
    private ProductListQuery? _categoryCountsFor;

    public IReadOnlyList<(string Value, string Text)> CategoryOptions { get; private set; } = [("", "All categories")];

    /// <summary>The total of the query shown, once counted.</summary>
    public ResultCount? Total { get; private set; }

    /// <summary>Category names, until the counts for the URL's search arrive.</summary>
    public async Task LoadCategoriesAsync(ICategoryDirectory categories)
    {
        try
        {
            _categories = await categories.GetCategoriesAsync();
            ShowCategoryCounts(null);
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            // The filter offers "All categories" only; the list itself says whether the database answers.
        }
    }

    /// <summary>A page of <paramref name="query"/> is about to show: counts what it changed, in the background.</summary>
    public void PageShown(ProductListQuery query, CancellationToken cancellationToken)
    {
        if (_countedFilter == query.Filter)
        {
            return;
        }

        _countedFilter = query.Filter;
        Total = _categoryCountsFor == CategoryCountKey(query) ? _categoryCounts?.TotalFor(query.CategoryId) : null;
        if (Total is null)
        {
            _ = CountAsync(query, cancellationToken);
        }
    }

    /// <summary>The number of the last page, when the total is known closely enough to say.</summary>
    public int? LastPageNumber(int pageSize) => Total is { Kind: not CountKind.AtLeast } count
        ? (int)Math.Max(1, (count.Value + pageSize - 1) / pageSize)
        : null;

    private async Task CountAsync(ProductListQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var key = CategoryCountKey(query);
            if (_categoryCounts is null || _categoryCountsFor != key)
            {
                ShowCategoryCounts(null);
                var counts = await productList.CountByCategoryAsync(query, cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                _categoryCounts = counts;
                _categoryCountsFor = key;
                ShowCategoryCounts(counts);
                await changed();
            }

            var count = _categoryCounts.TotalFor(query.CategoryId) ?? await productList.CountAsync(query, cancellationToken);
            if (!cancellationToken.IsCancellationRequested && _countedFilter == query.Filter)
            {
                Total = count;
                await changed();
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

    /// <summary>The category counts of a query are those of its search, weights and unit, whatever its category.</summary>
    private static ProductListQuery CategoryCountKey(ProductListQuery query) => query.Filter with { CategoryId = null };

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
}
