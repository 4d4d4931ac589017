namespace ProductBrowser.Benchmarks.Circuits;

/// <summary>The app's memory after a forced full collection: resident set from /proc and the GC's own numbers.</summary>
public sealed record MemorySnapshot(long ResidentBytes, long ManagedBytes, long HeapSizeBytes, long CommittedBytes, bool ServerGC);

/// <summary>The JSON of the app's POST /diagnostics/memory.</summary>
public sealed record MemoryReport(long ManagedBytes, long HeapSizeBytes, long CommittedBytes, long WorkingSetBytes, bool ServerGC);
