using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Unit;

public sealed class SkuNormalizerTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

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
    [InlineData("400000000008", "0400000000008")]
    [InlineData("12345670", "12345670")]
    [InlineData("09501101530003", "9501101530003")]
    [InlineData("19501101530000", "19501101530000")]
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

    [Theory]
    [InlineData("4006381333932", "The barcode 4006381333932's check digit should be 1, not 2: scan it again or type the SKU.")]
    [InlineData("400000000001", "The barcode 400000000001's check digit should be 8, not 1: scan it again or type the SKU.")]
    [InlineData("12345678", "The barcode 12345678's check digit should be 0, not 8: scan it again or type the SKU.")]
    [InlineData("]E04006381333930", "The barcode 4006381333930's check digit should be 1, not 0: scan it again or type the SKU.")]
    [InlineData("09501101530008", "The barcode 09501101530008's check digit should be 3, not 8: scan it again or type the SKU.")]
    public void BarcodeWithAWrongCheckDigitAsksForARescan(string raw, string problem)
    {
        Assert.Equal(problem, SkuNormalizer.Normalize(raw).Problem);
    }

    [Theory]
    [InlineData("]C10109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042")]
    [InlineData("]C1\u001d0109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042\r\n")]
    [InlineData("]d2" + "0109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042")]
    [InlineData("]Q3" + "0109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042")]
    [InlineData("0109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042")]
    [InlineData("\u001d0109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042")]
    [InlineData("(01)09501101530003(17)261231(10)ABC123(21)SN0042")]
    [InlineData("  (01) 09501101530003 (17) 261231 (10) ABC123 (21) SN0042\t")]
    public void CaseLabelGivesItsGtinAndItsLotExpiryAndSerial(string raw)
    {
        var code = SkuNormalizer.Normalize(raw, Today);

        Assert.True(code.IsValid, code.Problem);
        Assert.True(code.IsGtin);
        Assert.Equal("9501101530003", code.Code);
        Assert.Equal("09501101530003", code.Label!.Gtin);
        Assert.Equal("ABC123", code.Label.Lot);
        Assert.Equal(new DateOnly(2026, 12, 31), code.Label.Expiry);
        Assert.Equal("SN0042", code.Label.Serial);
    }

    [Theory]
    [InlineData("]e00109501101530003", "9501101530003")]
    [InlineData("0109501101530003", "9501101530003")]
    [InlineData("]C1(01)19501101530000(37)12", "19501101530000")]
    [InlineData("0119501101530000" + "3712", "19501101530000")]
    [InlineData("(01)59501101530008(10)l0t-7", "59501101530008")]
    public void PackLevelGtinsKeepTheirIndicatorDigit(string raw, string expected)
    {
        var code = SkuNormalizer.Normalize(raw, Today);

        Assert.True(code.IsValid, code.Problem);
        Assert.True(code.IsGtin);
        Assert.Equal(expected, code.Code);
        Assert.NotNull(code.Label);
    }

    [Fact]
    public void LabelDataKeepsItsCase()
    {
        var code = SkuNormalizer.Normalize("(01)09501101530003(10)abc-1(21)Sn9", Today);

        Assert.Equal("abc-1", code.Label!.Lot);
        Assert.Equal("Sn9", code.Label.Serial);
    }

    [Theory]
    [InlineData("]C0" + "0109501101530003", "0109501101530003")]
    [InlineData("]d1" + "0109501101530003", "0109501101530003")]
    [InlineData("]Q1htl-0000001", "HTL-0000001")]
    [InlineData("]d2HTL-0000001", "HTL-0000001")]
    [InlineData("10ABC123", "10ABC123")]
    [InlineData("01-0950110153", "01-0950110153")]
    [InlineData("0109501101530004", "0109501101530004")]
    [InlineData("1234567890123456", "1234567890123456")]
    [InlineData("HTL\u001d-0000001", "HTL-0000001")]
    public void PlainCodesAreNotTakenForLabels(string raw, string expected)
    {
        var code = SkuNormalizer.Normalize(raw, Today);

        Assert.True(code.IsValid, code.Problem);
        Assert.False(code.IsGtin);
        Assert.Null(code.Label);
        Assert.Equal(expected, code.Code);
    }

    [Fact]
    public void PlainEanAfterItsSymbologyIdentifierIsABarcodeWithoutLabel()
    {
        var code = SkuNormalizer.Normalize("]E04006381333931", Today);

        Assert.True(code.IsGtin);
        Assert.Equal("4006381333931", code.Code);
        Assert.Null(code.Label);
    }

    [Theory]
    [InlineData("]C100106141411234567897", "This pallet or shipping label (SSCC 106141411234567897) has no product GTIN (01): scan the barcode on the case or item, or type the SKU.")]
    [InlineData("00106141411234567897", "This pallet or shipping label (SSCC 106141411234567897) has no product GTIN (01): scan the barcode on the case or item, or type the SKU.")]
    [InlineData("(00)106141411234567897(02)09501101530003(37)24", "This pallet or shipping label (SSCC 106141411234567897) has no product GTIN (01): scan the barcode on the case or item, or type the SKU.")]
    [InlineData("(10)ABC123(17)261231", "This label has no product GTIN (01): scan the barcode on the case or item, or type the SKU.")]
    [InlineData("]C1(01)09501101530008", "The barcode 09501101530008's check digit should be 3, not 8: scan it again or type the SKU.")]
    [InlineData("]d2" + "0109501101530003" + "17261331", "The expiry date 261331 on this label is not a date (there is no month 13): scan it again or type the SKU.")]
    [InlineData("]C1" + "0109501101530003" + "7240ABC", "This label has a field (7240) that the lookup does not read: scan the product's own barcode or type the SKU.")]
    [InlineData("]C1" + "01095011015300", "The GTIN (01) on this label has 12 digits, not 14: scan it again or type the SKU.")]
    public void LabelsThatNameNoProductGetAMessage(string raw, string problem)
    {
        var code = SkuNormalizer.Normalize(raw, Today);

        Assert.False(code.IsValid);
        Assert.Equal(problem, code.Problem);
    }

    [Fact]
    public void AnyInputGivesACodeOrAMessageAndNeverThrows()
    {
        const string alphabet = "0123456789001717102137()]CdQeE\u001d\u001d\u001d\r\n\t *-_./#ABCxyz\u0000\u007f\u00a0\u200b\ud83d\udce6\ud800\uffff";
        var random = new Random(20261128);
        DateOnly[] days = [DateOnly.MinValue, DateOnly.MaxValue, new(1999, 12, 31), Today, new(2099, 6, 30)];
        string[] starts = ["", "", "]C1", "]d2", "\u001d", "(01)09501101530003(", "0109501101530003"];
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, i % 100 == 0 ? 260 : 60)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = random.Next(8) == 0 ? (char)random.Next(char.MaxValue + 1) : alphabet[random.Next(alphabet.Length)];
            }

            var raw = starts[random.Next(starts.Length)] + new string(chars);
            var code = SkuNormalizer.Normalize(raw, days[random.Next(days.Length)]);

            Assert.True(code.IsValid ? code.Code.Length > 0 : !string.IsNullOrWhiteSpace(code.Problem), raw);
        }
    }

    [Fact]
    public void HugeInputIsRejectedWithoutEchoingIt()
    {
        var code = SkuNormalizer.Normalize(new string('A', 10_000));

        Assert.False(code.IsValid);
        Assert.True(code.Problem!.Length < 200);
    }
}
