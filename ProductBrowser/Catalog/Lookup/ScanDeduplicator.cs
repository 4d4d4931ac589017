namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// A scanner that double-fires (or a worker who scans twice) sends the same scan within a few hundred milliseconds:
/// those repeats are one lookup. Times are the device's (when each scan was taken), not when it reached the server,
/// so network jitter cannot turn a repeat into a second lookup or two quick scans into one. Only an exact repeat of
/// the scanned text counts: two case labels of one product with different serials are two scans. Per screen instance,
/// so two devices never suppress each other.
/// </summary>
public sealed class ScanDeduplicator(TimeSpan window)
{
    private string? _last;
    private double _lastAt;

    /// <summary>
    /// True when the scan should be looked up; false when it repeats the previous scan within the window.
    /// <paramref name="capturedAtMilliseconds"/> is a monotonic device clock (the browser's <c>performance.now()</c>).
    /// </summary>
    public bool ShouldLookUp(string scan, double capturedAtMilliseconds)
    {
        var repeat = string.Equals(_last, scan, StringComparison.Ordinal)
            && capturedAtMilliseconds - _lastAt >= 0
            && capturedAtMilliseconds - _lastAt < window.TotalMilliseconds;
        _last = scan;
        _lastAt = capturedAtMilliseconds;
        return !repeat;
    }
}
