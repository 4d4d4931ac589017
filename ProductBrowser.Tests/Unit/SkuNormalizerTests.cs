using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Tests.Unit;

public sealed class SkuNormalizerTests
{
    [Theory]
    [InlineData("HTL-0000001", "HTL-0000001")]
    [InlineData("htl-0000001", "HTL-0000001")]
    [InlineData("  Htl-0000001 \r\n", "HTL-0000001")]
    [InlineData("HTL-0000001\t", "HTL-0000001")]
    [InlineData("]C1HTL-0000001", "HTL-0000001")]
    [InlineData("*HTL-0000001*", "HTL-0000001")]
    [InlineData("\u001dHTL-\u200B0000001", "HTL-0000001")]
    public void ScannerNoiseAndCaseAreRemoved(string raw, string expected)
    {
        var code = SkuNormalizer.Normalize(raw);

        Assert.True(code.IsValid, code.Problem);
        Assert.Equal(expected, code.Code);
        Assert.False(code.IsGtin);
    }

    [Theory]
    [InlineData("4000000000013", "4000000000013")]
    [InlineData("04000000000013", "4000000000013")]
    [InlineData("400000000001", "0400000000001")]
    [InlineData("]E04000000000013", "4000000000013")]
    public void DigitsOfABarcodeLengthAreAGtin(string raw, string expected)
    {
        var code = SkuNormalizer.Normalize(raw);

        Assert.True(code.IsGtin);
        Assert.Equal(expected, code.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    [InlineData("'; DROP TABLE products; --")]
    [InlineData("📦📦📦")]
    [InlineData("https://example.com/item/42")]
    [InlineData("www.example.com")]
    [InlineData("\u0001\u0002\u00ff\u00fe junk")]
    public void InputThatIsNoCodeGetsAMessage(string? raw)
    {
        var code = SkuNormalizer.Normalize(raw);

        Assert.False(code.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(code.Problem));
    }

    [Fact]
    public void HugeInputIsRejectedWithoutEchoingIt()
    {
        var code = SkuNormalizer.Normalize(new string('A', 10_000));

        Assert.False(code.IsValid);
        Assert.True(code.Problem!.Length < 200);
    }
}
