namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// EAN-13 symbols as modules (true = a dark bar module): start guard, six left digits in L or G code as the first digit's
/// parity pattern says, centre guard, six right digits in R code, end guard: 95 modules. The first digit is carried
/// by the left half's parity alone.
/// </summary>
public static class Ean13
{
    public const int ModuleCount = 95;

    /// <summary>Left-hand odd-parity (L) codes of the digits 0-9; R codes are their complements, G codes the R codes reversed.</summary>
    private static readonly string[] LCodes =
        ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"];

    /// <summary>Which of the six left digits use G code, by the first digit.</summary>
    private static readonly string[] Parity =
        ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLG", "LGLGLG", "LGLGGL", "LGGLGL"];

    /// <summary>The check digit of the first twelve digits: weights 1 and 3 alternating from the left.</summary>
    public static char CheckDigit(string firstTwelve)
    {
        if (firstTwelve.Length != 12 || !firstTwelve.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Twelve digits are needed, not '{firstTwelve}'.", nameof(firstTwelve));
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (firstTwelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>The 95 modules of a 13-digit code, whose check digit must be right.</summary>
    public static bool[] Modules(string code)
    {
        if (code.Length != 13 || !code.All(char.IsAsciiDigit) || CheckDigit(code[..12]) != code[12])
        {
            throw new ArgumentException($"'{code}' is not an EAN-13 with a valid check digit.", nameof(code));
        }

        var pattern = new System.Text.StringBuilder(ModuleCount);
        pattern.Append("101");
        var parity = Parity[code[0] - '0'];
        for (var i = 0; i < 6; i++)
        {
            var l = LCodes[code[i + 1] - '0'];
            pattern.Append(parity[i] == 'L' ? l : new string(Complement(l).Reverse().ToArray()));
        }

        pattern.Append("01010");
        for (var i = 7; i < 13; i++)
        {
            pattern.Append(Complement(LCodes[code[i] - '0']));
        }

        pattern.Append("101");
        return [.. pattern.ToString().Select(c => c == '1')];
    }

    private static string Complement(string code) => string.Concat(code.Select(c => c == '1' ? '0' : '1'));
}
