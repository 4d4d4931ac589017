using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// Reads a GS1 element string as a scanner delivers a GS1-128, GS1 DataMatrix, GS1 QR or GS1 DataBar label (fields run
/// together, an FNC1 sent as ASCII 29 "GS" after each variable-length field) or as printed under it, with the AIs in
/// brackets: <c>(01)09501101530003(17)261231(10)ABC123</c>. Never throws: input that is no valid label gets a problem
/// worded for the person holding the scanner.
/// Written here because no GS1 parser is among the packages this project can restore; its AI table covers label fields.
/// </summary>
public static partial class Gs1ElementString
{
    /// <summary>ASCII 29, how scanners transmit FNC1 between fields.</summary>
    public const char GroupSeparator = '\u001d';

    private const string ScanAgain = "scan it again or type the SKU.";

    /// <summary>GS1 AI encodable character set 82: what alphanumeric fields may hold.</summary>
    private static readonly SearchValues<char> CharacterSet82 =
        SearchValues.Create("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// Whether input that came without a symbology identifier reads as a GS1 label rather than a SKU or a bare barcode:
    /// it is bracketed (<c>(01)…</c>: SKUs never have brackets), or it starts with digits and has a GS between fields
    /// (SKUs never have one), or it starts with an SSCC (00) or GTIN (01, 02) whose check digit is right. Bare GTINs of
    /// 8, 12, 13 or 14 digits are too short to qualify.
    /// </summary>
    public static bool LooksLikeElementString(string text)
    {
        var data = text.AsSpan().TrimStart(GroupSeparator);
        if (data.StartsWith('('))
        {
            return BracketedAi().Match(data.ToString()) is { Success: true, Index: 0 };
        }

        if (data.Length < 2 || !char.IsAsciiDigit(data[0]) || !char.IsAsciiDigit(data[1]))
        {
            return false;
        }

        return data.Contains(GroupSeparator)
            || StartsWithKey(data, "00", 18)
            || StartsWithKey(data, "01", 14)
            || StartsWithKey(data, "02", 14);
    }

    /// <summary>
    /// Reads the fields of <paramref name="text"/> (without its symbology identifier; a leading FNC1/GS is ignored).
    /// <paramref name="today"/> places two-digit years by the GS1 century rule: from 49 years back to 50 years ahead.
    /// </summary>
    public static Gs1ParseResult Parse(string text, DateOnly today)
    {
        var data = text.AsSpan().Trim().TrimStart(GroupSeparator).Trim();
        if (data.IsEmpty)
        {
            return Gs1ParseResult.Invalid("This label has no fields: " + ScanAgain);
        }

        var fields = new List<(Gs1ApplicationIdentifier Ai, string Value)>();
        var problem = data[0] == '(' ? SplitBracketed(data.ToString(), fields) : SplitConcatenated(data, fields);
        return problem is null ? Read(fields, today) : Gs1ParseResult.Invalid(problem);
    }

    /// <summary>The message for a GS1 number whose last digit is not its check digit.</summary>
    internal static string CheckDigitProblem(string what, string digits) =>
        $"The {what} {digits}'s check digit should be {Gs1CheckDigit.Compute(digits.AsSpan(0, digits.Length - 1))}, not {digits[^1]}: {ScanAgain}";

    /// <summary>GS1 century rule (General Specifications, "Determination of century in dates").</summary>
    internal static int FullYear(int twoDigitYear, int currentYear)
    {
        var century = currentYear / 100 * 100;
        var difference = twoDigitYear - currentYear % 100;
        return difference switch
        {
            >= 51 => century - 100 + twoDigitYear,
            <= -50 => century + 100 + twoDigitYear,
            _ => century + twoDigitYear,
        };
    }

    private static bool StartsWithKey(ReadOnlySpan<char> data, string ai, int length) =>
        data.Length >= ai.Length + length && data.StartsWith(ai, StringComparison.Ordinal)
        && Gs1CheckDigit.IsValid(data.Slice(ai.Length, length));

    /// <summary>
    /// Fields run together: each AI's length comes from the table; fields of a predefined length end after it (a GS
    /// there is allowed), every other field ends at the next GS or at the end.
    /// </summary>
    private static string? SplitConcatenated(ReadOnlySpan<char> data, List<(Gs1ApplicationIdentifier, string)> fields)
    {
        var at = 0;
        while (at < data.Length)
        {
            if (data[at] == GroupSeparator)
            {
                at++;
                continue;
            }

            var rest = data[at..];
            if (Gs1ApplicationIdentifier.AtStartOf(rest) is not { } ai)
            {
                return UnknownField(rest);
            }

            var value = rest[ai.Code.Length..];
            if (ai.HasPredefinedLength && value.Length > ai.MaxLength)
            {
                value = value[..ai.MaxLength];
            }

            var separator = value.IndexOf(GroupSeparator);
            if (separator >= 0)
            {
                value = value[..separator];
            }

            fields.Add((ai, value.ToString()));
            at += ai.Code.Length + value.Length;
        }

        return fields.Count == 0 ? "This label has no fields: " + ScanAgain : null;
    }

    /// <summary>Human-readable form: each AI in brackets, its data up to the next bracketed AI (spaces around it ignored).</summary>
    private static string? SplitBracketed(string data, List<(Gs1ApplicationIdentifier, string)> fields)
    {
        var matches = BracketedAi().Matches(data);
        if (matches.Count == 0 || matches[0].Index != 0)
        {
            return UnknownField(data);
        }

        for (var i = 0; i < matches.Count; i++)
        {
            var code = matches[i].Groups[1].Value;
            if (Gs1ApplicationIdentifier.Find(code) is not { } ai)
            {
                return UnknownAi(code);
            }

            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : data.Length;
            fields.Add((ai, data[start..end].Trim().Trim(GroupSeparator)));
        }

        return null;
    }

    private static Gs1ParseResult Read(List<(Gs1ApplicationIdentifier Ai, string Value)> fields, DateOnly today)
    {
        var label = new Gs1Label();
        var elements = new List<Gs1Element>(fields.Count);
        foreach (var (ai, value) in fields)
        {
            if (Check(ai, value, today, out var date) is { } problem)
            {
                return Gs1ParseResult.Invalid(problem);
            }

            if (elements.Find(e => e.Ai == ai.Code) is { } earlier)
            {
                if (earlier.Value != value)
                {
                    return Gs1ParseResult.Invalid($"This label has two different values for its {ai.Label}: {ScanAgain}");
                }

                continue;
            }

            elements.Add(new Gs1Element(ai.Code, value));
            label = ai.Code switch
            {
                "00" => label with { Sscc = value },
                "01" => label with { Gtin = value },
                "10" => label with { Lot = value },
                "17" => label with { Expiry = date },
                "21" => label with { Serial = value },
                "37" => label with { Count = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) },
                _ => label,
            };
        }

        return new Gs1ParseResult(label with { Elements = elements }, null);
    }

    private static string? Check(Gs1ApplicationIdentifier ai, string value, DateOnly today, out DateOnly? date)
    {
        date = null;
        var unit = ai.Numeric ? "digits" : "characters";
        if (value.Length == 0)
        {
            return $"The {ai.Label} on this label is empty: {ScanAgain}";
        }

        if (ai.MinLength == ai.MaxLength && value.Length != ai.MaxLength)
        {
            return $"The {ai.Label} on this label has {value.Length} {unit}, not {ai.MaxLength}: {ScanAgain}";
        }

        if (value.Length > ai.MaxLength)
        {
            return $"The {ai.Label} on this label has {value.Length} {unit}; it can have at most {ai.MaxLength}: {ScanAgain}";
        }

        if (value.Length < ai.MinLength)
        {
            return $"The {ai.Label} on this label has {value.Length} {unit}; it needs at least {ai.MinLength}: {ScanAgain}";
        }

        if (ai.Numeric && value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return $"The {ai.Label} on this label must be digits only, not “{value}”: {ScanAgain}";
        }

        if (!ai.Numeric && value.AsSpan().IndexOfAnyExcept(CharacterSet82) is var bad and >= 0)
        {
            return $"The {ai.Label} on this label has {Describe(value, bad)}, which GS1 labels do not use: {ScanAgain}";
        }

        return ai.Rule switch
        {
            Gs1DataRule.CheckDigit when !Gs1CheckDigit.IsValid(value) => CheckDigitProblem(ai.Code == "01" ? "barcode" : ai.Label, value),
            Gs1DataRule.Date => DateProblem(ai, value, today, out date),
            _ => null,
        };
    }

    private static string? DateProblem(Gs1ApplicationIdentifier ai, string yymmdd, DateOnly today, out DateOnly? date)
    {
        date = null;
        var month = int.Parse(yymmdd.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        var day = int.Parse(yymmdd.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        var year = FullYear(int.Parse(yymmdd.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture), today.Year);
        var notADate = $"The {ai.Name} {yymmdd} on this label is not a date";
        if (month is < 1 or > 12)
        {
            return $"{notADate} (there is no month {month:00}): {ScanAgain}";
        }

        if (year is < 1 or > 9999)
        {
            return $"{notADate} this lookup can place (year {year}): {ScanAgain}";
        }

        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day > daysInMonth)
        {
            var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
            return $"{notADate} ({monthName} {year} has no day {day}): {ScanAgain}";
        }

        date = new DateOnly(year, month, day == 0 ? daysInMonth : day);
        return null;
    }

    private static string UnknownField(ReadOnlySpan<char> rest)
    {
        if (rest.Length >= 2 && char.IsAsciiDigit(rest[0]) && char.IsAsciiDigit(rest[1]))
        {
            var length = Gs1ApplicationIdentifier.CodeLengthFor(rest[..2]);
            var digits = rest.Length > length ? rest[..length] : rest;
            if (!digits.ContainsAnyExceptInRange('0', '9'))
            {
                return UnknownAi(digits.ToString());
            }
        }

        var start = rest.Length > 12 ? string.Concat(rest[..12], "…") : rest.ToString();
        return $"This label has a part the lookup cannot read, starting “{start.Replace(GroupSeparator, ' ')}”: {ScanAgain}";
    }

    private static string UnknownAi(string code) =>
        $"This label has a field ({code}) that the lookup does not read: scan the product's own barcode or type the SKU.";

    private static string Describe(string value, int index)
    {
        Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out _);
        return rune.Value switch
        {
            ' ' => "a space",
            GroupSeparator => "a separator inside a field",
            _ => $"“{rune}”",
        };
    }

    [GeneratedRegex(@"\(([0-9]{2,4})\)", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedAi();
}
