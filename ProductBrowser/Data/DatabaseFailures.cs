using System.Data.Common;

namespace ProductBrowser.Data;

/// <summary>The one rule for "PostgreSQL could not answer" (down, unreachable, timed out): callers degrade instead of failing.</summary>
public static class DatabaseFailures
{
    public static bool IsDatabaseFailure(Exception ex) =>
        ex is DbException or TimeoutException or InvalidOperationException { InnerException: DbException or TimeoutException };
}
