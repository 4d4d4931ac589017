namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// The GS1 mod-10 check digit shared by GTIN-8/12/13/14, SSCC and GLN: digits weighted 3 and 1 alternately from the
/// right, the check digit bringing the sum to a multiple of ten.
/// </summary>
public static class Gs1CheckDigit
{
    /// <summary>The check digit for <paramref name="digits"/> (the code without its last digit); ASCII digits only.</summary>
    public static char Compute(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var weight = (digits.Length - i) % 2 == 1 ? 3 : 1;
            sum += (digits[i] - '0') * weight;
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>True when <paramref name="code"/> is ASCII digits whose last digit is the check digit of the others.</summary>
    public static bool IsValid(ReadOnlySpan<char> code) =>
        code.Length >= 2 && !code.ContainsAnyExceptInRange('0', '9') && Compute(code[..^1]) == code[^1];
}
