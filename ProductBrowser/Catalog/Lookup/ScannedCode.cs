namespace ProductBrowser.Catalog.Lookup;

/// <summary>What a scan or a typed entry turned out to be after normalization.</summary>
public sealed record ScannedCode(string Code, bool IsGtin)
{
    /// <summary>Why the input is not a code (null when it is one). Worded for the person holding the scanner.</summary>
    public string? Problem { get; init; }

    public bool IsValid => Problem is null;

    /// <summary>What a GS1 case or pallet label said besides the GTIN (lot, expiry, serial, count); null for other input.</summary>
    public Gs1Label? Label { get; init; }

    public static ScannedCode Invalid(string problem) => new("", false) { Problem = problem };
}
