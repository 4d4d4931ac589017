using Microsoft.AspNetCore.Components;
using ProductBrowser.Catalog.List;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// The list's way between its URL and its query. A navigation from here reaches the URL a round trip later (the
/// browser reports it back): until it does, further changes build on <see cref="Intended"/>, the query asked for, and
/// the typed fields keep what is being typed.
/// </summary>
public sealed class ListNavigation(NavigationManager navigation)
{
    private readonly List<string> _inFlight = [];

    /// <summary>The query the URL asks for, as asked (the list service says what it had to correct).</summary>
    public ProductListQuery Requested { get; private set; } = new();

    /// <summary>The query the URL asks for, normalized: what the page shows.</summary>
    public ProductListQuery Query { get; private set; } = new();

    /// <summary>The query the page is heading for: the URL's, or the last one navigated to while it is on its way.</summary>
    public ProductListQuery Intended { get; private set; } = new();

    /// <summary>
    /// The URL has changed. A navigation from here that arrives leaves the fields as typed; true once none is on its
    /// way, when the fields should show any value the URL changed (another page, back, a link).
    /// </summary>
    public bool ArriveAt(ProductListQuery requested)
    {
        Requested = requested;
        Query = requested.Normalize(out _);
        var own = _inFlight.IndexOf(Uri(requested));
        if (own >= 0)
        {
            _inFlight.RemoveRange(0, own + 1);
        }
        else
        {
            _inFlight.Clear();
        }

        if (_inFlight.Count > 0)
        {
            return false;
        }

        Intended = Query;
        return true;
    }

    /// <summary>Any change of what is shown starts again from the first page.</summary>
    public void GoTo(ProductListQuery query)
    {
        query = query with { Position = PagePosition.First };
        var uri = Uri(query);
        if (_inFlight.Count == 0 && uri == Uri(Requested))
        {
            return;
        }

        Intended = query;
        _inFlight.Add(uri);
        navigation.NavigateTo(uri);
    }

    /// <summary>The link to another page of the list shown.</summary>
    public string PageLink(PagePosition position) => Uri(Query with { Position = position });

    private string Uri(ProductListQuery query) =>
        navigation.GetUriWithQueryParameters(ProductListUrl.Path, ProductListUrl.ToParameters(query));
}
