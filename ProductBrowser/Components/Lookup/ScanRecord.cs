using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Components.Lookup;

/// <summary>One scan taken on this screen, in the order taken, and what it turned out to be once looked up.</summary>
public sealed class ScanRecord(int sequence, string scanned)
{
    public int Sequence { get; } = sequence;

    /// <summary>The scan as shown to the worker: control characters (a GS1 separator, say) made visible as spaces.</summary>
    public string Scanned { get; } = scanned;

    /// <summary>Null while the lookup is queued or running.</summary>
    public SkuLookupResult? Result { get; set; }
}
