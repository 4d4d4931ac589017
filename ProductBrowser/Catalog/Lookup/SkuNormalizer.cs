using System.Globalization;
using System.Text;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// Turns raw scanner or keyboard input into the code a lookup uses: control characters (CR, LF, Tab, GS1 group
/// separators) and scanner framing (an AIM symbology identifier such as <c>]C1</c>, Code 39 <c>*</c> start/stop
/// characters) are stripped, white space trimmed, case folded as SKUs are stored (upper case). Digits-only codes of a
/// GTIN length are barcodes, normalized to the 13 digits the catalog stores.
/// </summary>
public static class SkuNormalizer
{
    public const int MaxInputLength = 200;

    public static ScannedCode Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return ScannedCode.Invalid("Scan a barcode or type a SKU.");
        }

        if (raw.Length > MaxInputLength)
        {
            return ScannedCode.Invalid($"That input is {raw.Length:N0} characters long; a SKU has at most {ProductConfiguration.SkuMaxLength}. Check the scanner settings and scan again.");
        }

        var text = StripControlCharacters(raw).Trim();
        if (text.StartsWith(']') && text.Length >= 3 && char.IsAsciiLetter(text[1]) && char.IsAsciiDigit(text[2]))
        {
            text = text[3..].Trim();
        }

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
            return new ScannedCode(ToGtin13(code), IsGtin: true);
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

    private static bool IsSkuCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/';

    private static string StripControlCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>GTIN-8 stays as it is; UPC-A (12) gains a leading zero; GTIN-14 with a leading zero loses it.</summary>
    private static string ToGtin13(string digits) => digits.Length switch
    {
        12 => "0" + digits,
        14 when digits[0] == '0' => digits[1..],
        _ => digits,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "…");
}
