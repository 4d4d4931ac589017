using System.Collections.Frozen;
using System.Globalization;

namespace ProductBrowser.Catalog.Lookup;

/// <summary>What a GS1 field's data must be beyond its length and character set.</summary>
internal enum Gs1DataRule
{
    None,

    /// <summary>The last digit is a GS1 mod-10 check digit (GTIN, SSCC, GLN).</summary>
    CheckDigit,

    /// <summary>A date as YYMMDD, DD = 00 meaning the last day of the month.</summary>
    Date,
}

/// <summary>
/// A GS1 application identifier (AI) the lookup reads: its data is digits (<see cref="Numeric"/>) or GS1 character set
/// 82, from <see cref="MinLength"/> to <see cref="MaxLength"/> long. The table holds the AIs found on case and pallet
/// labels, not the whole GS1 list; any other AI gets a message, since its length (and so where the next field begins)
/// is unknown.
/// </summary>
internal sealed record Gs1ApplicationIdentifier(string Code, string Name, bool Numeric, int MinLength, int MaxLength, Gs1DataRule Rule = Gs1DataRule.None)
{
    /// <summary>
    /// The GS1 General Specifications table of element strings with a predefined length (AI plus data), keyed by the
    /// AI's first two digits: a barcode ends these fields without an FNC1. Every other field, fixed-length or not,
    /// is ended by an FNC1 (GS) unless it is the last.
    /// </summary>
    private static readonly FrozenDictionary<string, int> PredefinedLengths = new Dictionary<string, int>
    {
        ["00"] = 20, ["01"] = 16, ["02"] = 16, ["03"] = 16, ["04"] = 18,
        ["11"] = 8, ["12"] = 8, ["13"] = 8, ["14"] = 8, ["15"] = 8, ["16"] = 8, ["17"] = 8, ["18"] = 8, ["19"] = 8, ["20"] = 4,
        ["31"] = 10, ["32"] = 10, ["33"] = 10, ["34"] = 10, ["35"] = 10, ["36"] = 10,
        ["41"] = 16,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Gs1ApplicationIdentifier> Known = Table().ToFrozenDictionary(ai => ai.Code);

    /// <summary>Whether a barcode may omit the FNC1 after this field (see the predefined-length table).</summary>
    public bool HasPredefinedLength => PredefinedLengths.ContainsKey(Code[..2]);

    /// <summary>How messages name the field: "batch/lot (10)", as printed under the barcode.</summary>
    public string Label => $"{Name} ({Code})";

    /// <summary>The AI <paramref name="text"/> starts with, or null; GS1 AIs are prefix-free, so at most one matches.</summary>
    public static Gs1ApplicationIdentifier? AtStartOf(ReadOnlySpan<char> text)
    {
        var lookup = Known.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = 2; length <= 4 && length <= text.Length; length++)
        {
            if (lookup.TryGetValue(text[..length], out var ai))
            {
                return ai;
            }
        }

        return null;
    }

    public static Gs1ApplicationIdentifier? Find(string code) => Known.GetValueOrDefault(code);

    /// <summary>
    /// How many digits an AI starting with these two has, by the GS1 AI ranges; for naming an unknown AI in a message.
    /// </summary>
    public static int CodeLengthFor(ReadOnlySpan<char> firstTwoDigits) => int.Parse(firstTwoDigits, CultureInfo.InvariantCulture) switch
    {
        >= 23 and <= 29 or >= 40 and <= 42 => 3,
        >= 31 and <= 36 or 39 or 43 or >= 70 and <= 72 or >= 80 and <= 82 => 4,
        _ => 2,
    };

    private static IEnumerable<Gs1ApplicationIdentifier> Table()
    {
        yield return Digits("00", "SSCC", 18, Gs1DataRule.CheckDigit);
        yield return Digits("01", "GTIN", 14, Gs1DataRule.CheckDigit);
        yield return Digits("02", "content GTIN", 14, Gs1DataRule.CheckDigit);
        yield return Digits("03", "made-to-order GTIN", 14, Gs1DataRule.CheckDigit);
        yield return Text("10", "batch/lot", 20);
        yield return Digits("11", "production date", 6, Gs1DataRule.Date);
        yield return Digits("12", "due date", 6, Gs1DataRule.Date);
        yield return Digits("13", "packaging date", 6, Gs1DataRule.Date);
        yield return Digits("15", "best-before date", 6, Gs1DataRule.Date);
        yield return Digits("16", "sell-by date", 6, Gs1DataRule.Date);
        yield return Digits("17", "expiry date", 6, Gs1DataRule.Date);
        yield return Digits("20", "variant", 2);
        yield return Text("21", "serial number", 20);
        yield return Text("22", "consumer product variant", 20);
        yield return Text("240", "additional product id", 30);
        yield return Text("241", "customer part number", 30);
        yield return Text("250", "secondary serial number", 30);
        yield return Text("251", "reference to source entity", 30);
        yield return new("30", "variable count", Numeric: true, 1, 8);
        yield return new("37", "count", Numeric: true, 1, 8);
        yield return Text("400", "order number", 30);
        yield return Text("401", "consignment number", 30);
        yield return Digits("402", "shipment number", 17, Gs1DataRule.CheckDigit);
        yield return Text("403", "routing code", 30);
        yield return Text("420", "ship-to postcode", 20);
        yield return new("421", "ship-to postcode", Numeric: false, 4, 12);
        yield return Digits("422", "country of origin", 3);
        yield return Digits("7003", "expiry date and time", 10);
        yield return Text("90", "agreed information", 30);
        for (var company = 91; company <= 99; company++)
        {
            yield return Text(company.ToString(CultureInfo.InvariantCulture), "company information", 90);
        }

        // Trade and logistic measures (weights, lengths, areas, volumes): AI 3snd, s the unit, d the decimals.
        foreach (var (family, lastUnit) in new[] { (31, 6), (32, 9), (33, 7), (34, 9), (35, 7), (36, 9) })
        {
            for (var unit = 0; unit <= lastUnit; unit++)
            {
                for (var decimals = 0; decimals <= 5; decimals++)
                {
                    yield return Digits(string.Create(CultureInfo.InvariantCulture, $"{family}{unit}{decimals}"), "measure", 6);
                }
            }
        }

        // Party and location GLNs (ship to, bill to, ...).
        for (var party = 0; party <= 7; party++)
        {
            yield return Digits(string.Create(CultureInfo.InvariantCulture, $"41{party}"), "location number", 13, Gs1DataRule.CheckDigit);
        }
    }

    private static Gs1ApplicationIdentifier Digits(string code, string name, int length, Gs1DataRule rule = Gs1DataRule.None) =>
        new(code, name, Numeric: true, length, length, rule);

    private static Gs1ApplicationIdentifier Text(string code, string name, int maxLength) =>
        new(code, name, Numeric: false, 1, maxLength);
}
