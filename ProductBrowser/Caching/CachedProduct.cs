using ProductBrowser.Catalog;

namespace ProductBrowser.Caching;

/// <summary>
/// What is stored in Redis for a product. The absolute expiry travels with the value so a hit can report the TTL left
/// without a second round trip.
/// </summary>
public sealed record CachedProduct(ProductDetails Product, DateTimeOffset ExpiresAt);
