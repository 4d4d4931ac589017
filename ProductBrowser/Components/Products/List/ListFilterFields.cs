using System.Globalization;
using ProductBrowser.Catalog.List;

namespace ProductBrowser.Components.Products.List;

/// <summary>The list's typed filters (search and weights), owned by the page so that the URL can update them all.</summary>
public sealed class ListFilterFields : IDisposable
{
    public static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(350);
    public static readonly TimeSpan WeightDelay = TimeSpan.FromMilliseconds(500);

    public ListFilterField<string?> Search { get; } = new(ReadSearch, text => text,
        (query, search) => query with { Search = search, Sort = query.Sort == ProductSort.Relevance ? null : query.Sort });

    public ListFilterField<decimal?> MinWeight { get; } = new(ReadWeight, FormatWeight, (query, kg) => query with { MinWeightKg = kg });

    public ListFilterField<decimal?> MaxWeight { get; } = new(ReadWeight, FormatWeight, (query, kg) => query with { MaxWeightKg = kg });

    /// <summary>The URL's values, in the fields that did not apply them themselves.</summary>
    public void Show(ProductListQuery query)
    {
        Search.Show(query.Search);
        MinWeight.Show(query.MinWeightKg);
        MaxWeight.Show(query.MaxWeightKg);
    }

    /// <summary>Empties every field, whatever was typed ("Clear filters").</summary>
    public void Reset()
    {
        Search.Reset(null);
        MinWeight.Reset(null);
        MaxWeight.Reset(null);
    }

    public void Dispose()
    {
        Search.Debounce.Dispose();
        MinWeight.Debounce.Dispose();
        MaxWeight.Debounce.Dispose();
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
