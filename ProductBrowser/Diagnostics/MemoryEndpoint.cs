using ProductBrowser.Accounts;

namespace ProductBrowser.Diagnostics;

/// <summary>
/// <c>POST /diagnostics/memory</c>: forces a full, compacting garbage collection and reports what the process holds
/// afterwards, for capacity measurements (memory per circuit). Off unless <c>Diagnostics:MemoryEndpoint</c> is true, and
/// admins only even then: a forced collection pauses every circuit of the instance.
/// </summary>
public static class MemoryEndpoint
{
    public const string Path = "/diagnostics/memory";

    public static WebApplication MapMemoryEndpoint(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Diagnostics:MemoryEndpoint", false))
        {
            return app;
        }

        app.MapPost(Path, () =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            return new MemoryReport(
                GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.TotalCommittedBytes, Environment.WorkingSet,
                System.Runtime.GCSettings.IsServerGC);
        }).RequireAuthorization(AccountsExtensions.AdminPolicy);
        return app;
    }
}

/// <summary>Bytes after a full collection: live managed objects, the GC heap (with fragmentation), committed, working set.</summary>
public sealed record MemoryReport(long ManagedBytes, long HeapSizeBytes, long CommittedBytes, long WorkingSetBytes, bool ServerGC);
