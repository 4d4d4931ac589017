namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// What a GS1 case or pallet label says about the goods: the fields the lookup shows, and every field as read.
/// </summary>
public sealed record Gs1Label
{
    /// <summary>The GTIN-14 of AI (01), as on the label (indicator digit first); null on a label without one.</summary>
    public string? Gtin { get; init; }

    /// <summary>Batch or lot number, AI (10).</summary>
    public string? Lot { get; init; }

    /// <summary>Expiry date, AI (17); a label's day 00 is the last day of that month.</summary>
    public DateOnly? Expiry { get; init; }

    /// <summary>Serial number, AI (21).</summary>
    public string? Serial { get; init; }

    /// <summary>Count of trade items in the case or pallet, AI (37).</summary>
    public int? Count { get; init; }

    /// <summary>Serial shipping container code of the pallet or parcel, AI (00).</summary>
    public string? Sscc { get; init; }

    /// <summary>Every field on the label in the order read, including those not shown above.</summary>
    public IReadOnlyList<Gs1Element> Elements { get; init; } = [];
}

/// <summary>One field of a GS1 element string: its application identifier and its data as printed.</summary>
public sealed record Gs1Element(string Ai, string Value);

/// <summary>A read GS1 label, or (with a null label) why the input could not be read as one.</summary>
public sealed record Gs1ParseResult(Gs1Label? Label, string? Problem)
{
    public bool IsValid => Problem is null;

    public static Gs1ParseResult Invalid(string problem) => new(null, problem);
}
