using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

/// <summary>What a page may catch from a catalog service: the catalog's stores could not answer, so it says so instead of failing.</summary>
public static class CatalogFailures
{
    public static bool IsUnavailable(Exception ex) => DatabaseFailures.IsDatabaseFailure(ex) || RedisFailures.IsRedisFailure(ex);
}
