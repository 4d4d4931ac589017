using ProductBrowser.Catalog.List;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// What a part of the list asks for, applied by the page to the query it is heading for (which may be ahead of the URL
/// while a navigation is on its way); null when there is nothing new to show (text that is not a value, no change).
/// </summary>
public delegate ProductListQuery? ListChange(ProductListQuery intended);
