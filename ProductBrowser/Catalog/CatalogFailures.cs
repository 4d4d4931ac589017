using System.Data.Common;

namespace ProductBrowser.Catalog;

internal static class CatalogFailures
{
    /// <summary>PostgreSQL could not answer (down, unreachable, timed out): the page says so instead of failing.</summary>
    public static bool IsDatabaseFailure(Exception ex) =>
        ex is DbException or TimeoutException or InvalidOperationException { InnerException: DbException or TimeoutException };
}
