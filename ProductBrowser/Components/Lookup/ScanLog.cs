using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Components.Lookup;

/// <summary>The screen's scans, newest first, at most <see cref="Capacity"/> (a shift's worth is not kept in a circuit).</summary>
public sealed class ScanLog
{
    public const int Capacity = 100;

    private readonly List<ScanRecord> _records = [];

    public IReadOnlyList<ScanRecord> Records => _records;

    public ScanRecord Add(int sequence, string? raw)
    {
        var record = new ScanRecord(sequence, Printable(raw));
        _records.Insert(0, record);
        if (_records.Count > Capacity)
        {
            _records.RemoveAt(_records.Count - 1);
        }

        return record;
    }

    private static string Printable(string? raw)
    {
        var text = new string([.. (raw ?? "").Trim().Select(c => char.IsControl(c) ? ' ' : c)]);
        return text.Length <= 48 ? text : string.Concat(text.AsSpan(0, 47), "…");
    }

    /// <summary>The outcome in a few words, for the log line.</summary>
    public static string Outcome(SkuLookupResult? result) => result switch
    {
        null => "Looking up…",
        { Status: SkuLookupStatus.Found, Product: { } product } => product.Name,
        { Message: { } message } => message,
        _ => "Not found",
    };
}
