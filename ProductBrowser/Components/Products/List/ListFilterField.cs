using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Shared;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// A typed filter of the product list (the search, a weight) whose value also lives in the URL. The text stays as typed:
/// the URL's value is written into the field only when the URL asks for another value than the one this field applied
/// last (back or forward, a link, another page), never because the URL is catching up with what was typed. So a render
/// after one field's change never wipes what is being typed, or pasted, into another.
/// </summary>
public sealed class ListFilterField<T>(
    ListFilterField<T>.Parser parse,
    Func<T, string?> format,
    Func<ProductListQuery, T, ProductListQuery> apply)
{
    /// <summary>Reads typed text as a value; false when it is not one.</summary>
    public delegate bool Parser(string? text, out T value);

    public Debouncer Debounce { get; } = new();

    /// <summary>The text as typed (bound to the input).</summary>
    public string? Text { get; set; }

    /// <summary>The text is not a value (the field says so, and the list stays as it is).</summary>
    public bool Invalid { get; private set; }

    /// <summary>The value this field last put in the URL, or last took from it.</summary>
    public T Applied { get; private set; } = default!;

    /// <summary>The URL's value, shown unless it is the one this field applied last.</summary>
    public void Show(T value)
    {
        if (!EqualityComparer<T>.Default.Equals(value, Applied))
        {
            Reset(value);
        }
    }

    /// <summary>Shows <paramref name="value"/> whatever was typed ("Clear filters").</summary>
    public void Reset(T value)
    {
        Applied = value;
        Text = format(value);
        Invalid = false;
    }

    /// <summary>
    /// The query with what was typed, when that is a value other than the one applied last (which it then becomes);
    /// null when nothing changed or the text is not a value.
    /// </summary>
    public ProductListQuery? TakeChange(ProductListQuery query)
    {
        Invalid = !parse(Text, out var value);
        if (Invalid || EqualityComparer<T>.Default.Equals(value, Applied))
        {
            return null;
        }

        Applied = value;
        return apply(query, value);
    }
}
