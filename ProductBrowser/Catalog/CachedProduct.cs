
namespace ProductBrowser.Catalog;

/// <summary>
/// What is stored in Redis for a product id: the product, or null for "no such product" (kept briefly). The entry is
/// fresh until <see cref="ExpiresAt"/>, which travels with the value so a hit reports the TTL left without a second
/// round trip; Redis keeps it a while longer as a stale copy for database outages.
/// </summary>
public sealed record CachedProduct(ProductDetails? Product, DateTimeOffset ExpiresAt);
