namespace ProductBrowser.Catalog.Changes;

/// <summary>
/// In-process fan-out of product changes to open pages (after the cache is cleaned). Subscribers are called on the
/// listener's thread: components marshal with <c>InvokeAsync</c> and unsubscribe when disposed.
/// </summary>
public sealed class ProductChangeNotifications
{
    public event Action<ProductChange>? Changed;

    public void Publish(ProductChange change) => Changed?.Invoke(change);
}
