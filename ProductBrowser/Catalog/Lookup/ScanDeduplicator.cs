namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// A scanner that double-fires (or a worker who scans twice) sends the same code within a few hundred milliseconds:
/// those repeats are one lookup. Per screen instance, so two devices never suppress each other.
/// </summary>
public sealed class ScanDeduplicator(TimeProvider time, TimeSpan window)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(300);

    private string? _lastCode;
    private long _lastAt;

    /// <summary>True when the code should be looked up; false when it repeats the previous code within the window.</summary>
    public bool ShouldLookUp(string code)
    {
        var now = time.GetTimestamp();
        var repeat = _lastCode == code && time.GetElapsedTime(_lastAt, now) < window;
        _lastCode = code;
        _lastAt = now;
        return !repeat;
    }
}
