using System.Globalization;
using System.Text;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// Turns raw scanner or keyboard input into the code a lookup uses: control characters (CR, LF, Tab) and scanner
/// framing (an AIM symbology identifier such as <c>]E0</c>, Code 39 <c>*</c> start/stop characters) are stripped, white
/// space trimmed, case folded as SKUs are stored (upper case). Digits-only codes of a GTIN length are barcodes whose
/// check digit must be right, normalized to the 13 digits the catalog stores. A GS1 label (marked by <c>]C1</c>,
/// <c>]d2</c>, <c>]Q3</c> or <c>]e0</c>, or recognized by <see cref="Gs1ElementString.LooksLikeElementString"/>) gives its
/// GTIN (01) as the code and the rest of the label as <see cref="ScannedCode.Label"/>. Never throws.
/// </summary>
public static class SkuNormalizer
{
    public const int MaxInputLength = 200;

    /// <summary>GS1 symbology identifiers: GS1-128, GS1 DataMatrix, GS1 QR Code, GS1 DataBar.</summary>
    private static readonly string[] Gs1Symbologies = ["]C1", "]d2", "]Q3", "]e0"];

    /// <summary>Normalizes against today's date on the system clock (for GS1 two-digit years).</summary>
    public static ScannedCode Normalize(string? raw) =>
        Normalize(raw, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));

    /// <summary>
    /// The SKU or barcode a search box names: the normalized code when <paramref name="text"/> reads as one (a scanned
    /// label, a lower-case SKU), else the text trimmed and upper-cased; null when blank.
    /// </summary>
    public static string? Canonical(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Normalize(text) is { IsValid: true } code ? code.Code
        : text.Trim().ToUpperInvariant();

    /// <param name="raw">What the scanner or keyboard sent.</param>
    /// <param name="today">The date GS1 two-digit years are placed against (the GS1 century rule).</param>
    public static ScannedCode Normalize(string? raw, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return ScannedCode.Invalid("Scan a barcode or type a SKU.");
        }

        if (raw.Length > MaxInputLength)
        {
            return ScannedCode.Invalid($"That input is {raw.Length:N0} characters long; a SKU has at most {ProductConfiguration.SkuMaxLength}. Check the scanner settings and scan again.");
        }

        // The group separator (FNC1) is kept until it is clear whether this is a GS1 label, where it ends fields.
        var text = StripControlCharacters(raw).Trim();
        var symbology = "";
        if (text.StartsWith(']') && text.Length >= 3 && char.IsAsciiLetter(text[1]) && char.IsAsciiDigit(text[2]))
        {
            symbology = text[..3];
            text = text[3..].Trim();
        }

        if (IsElementString(symbology, text))
        {
            return FromElementString(text, today);
        }

        text = text.Replace(Gs1ElementString.GroupSeparator.ToString(), "", StringComparison.Ordinal).Trim();

        if (text.Length >= 2 && text[0] == '*' && text[^1] == '*')
        {
            text = text[1..^1].Trim();
        }

        if (text.Length == 0)
        {
            return ScannedCode.Invalid("Scan a barcode or type a SKU.");
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return ScannedCode.Invalid("That is a web address, not a SKU or barcode. Scan the product's barcode label.");
        }

        var code = text.ToUpperInvariant();
        if (code.All(char.IsAsciiDigit) && code.Length is 8 or 12 or 13 or 14)
        {
            return Gs1CheckDigit.IsValid(code)
                ? new ScannedCode(ToCatalogGtin(code), IsGtin: true)
                : ScannedCode.Invalid(Gs1ElementString.CheckDigitProblem("barcode", code));
        }

        if (code.Length > ProductConfiguration.SkuMaxLength)
        {
            return ScannedCode.Invalid($"“{Shorten(text)}” is too long for a SKU (at most {ProductConfiguration.SkuMaxLength} characters).");
        }

        if (!code.All(IsSkuCharacter))
        {
            return ScannedCode.Invalid($"“{Shorten(text)}” is not a SKU: SKUs use letters, digits, '-', '_', '.' and '/'.");
        }

        return new ScannedCode(code, IsGtin: false);
    }

    /// <summary>
    /// A GS1 symbology identifier followed by field digits marks a GS1 label (one followed by letters is a scanner set
    /// to send it for every Code 128: a plain code); any other identifier marks plain data (<c>]E0</c> EAN/UPC,
    /// <c>]C0</c>, <c>]d1</c>, <c>]Q1</c>); without one, the input has to look like a label.
    /// </summary>
    private static bool IsElementString(string symbology, string text)
    {
        if (symbology.Length == 0)
        {
            return Gs1ElementString.LooksLikeElementString(text);
        }

        var data = text.AsSpan().TrimStart(Gs1ElementString.GroupSeparator);
        return Gs1Symbologies.Contains(symbology, StringComparer.Ordinal)
            && data.Length > 0 && (char.IsAsciiDigit(data[0]) || data[0] == '(');
    }

    private static ScannedCode FromElementString(string text, DateOnly today)
    {
        var read = Gs1ElementString.Parse(text, today);
        if (read.Label is not { } label)
        {
            return ScannedCode.Invalid(read.Problem!);
        }

        if (label.Gtin is null)
        {
            var what = label.Sscc is null ? "This label" : $"This pallet or shipping label (SSCC {label.Sscc})";
            return ScannedCode.Invalid($"{what} has no product GTIN (01): scan the barcode on the case or item, or type the SKU.");
        }

        return new ScannedCode(ToCatalogGtin(label.Gtin), IsGtin: true) { Label = label };
    }

    private static bool IsSkuCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/';

    private static string StripControlCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var noise = category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
            if (!noise || rune.Value == Gs1ElementString.GroupSeparator)
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// GTIN-8 stays as it is; UPC-A (12) gains a leading zero; GTIN-14 with indicator digit 0 (the base unit) loses it,
    /// one with indicator 1-9 (a case, a pallet, a variable-measure item) keeps all 14 digits.
    /// </summary>
    private static string ToCatalogGtin(string digits) => digits.Length switch
    {
        12 => "0" + digits,
        14 when digits[0] == '0' => digits[1..],
        _ => digits,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "…");
}
