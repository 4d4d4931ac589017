using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Tests.Unit;

/// <summary>
/// GS1 labels as scanners send them. GTIN 09501101530003 and SSCC 106141411234567897 have valid check digits; "\u001d"
/// is the FNC1 a scanner sends as ASCII 29 (GS).
/// </summary>
public sealed class Gs1ElementStringTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Theory]
    [InlineData("0109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042\u001d" + "3712")]
    [InlineData("\u001d0109501101530003" + "17261231" + "10ABC123\u001d" + "21SN0042\u001d" + "3712\u001d")]
    [InlineData("(01)09501101530003(17)261231(10)ABC123(21)SN0042(37)12")]
    [InlineData("(01) 09501101530003 (17) 261231 (10) ABC123 (21) SN0042 (37) 12")]
    [InlineData("(21)SN0042(37)12(10)ABC123(17)261231(01)09501101530003")]
    public void LabelFieldsAreReadWithOrWithoutSeparatorsAndBrackets(string text)
    {
        var read = Gs1ElementString.Parse(text, Today);

        Assert.True(read.IsValid, read.Problem);
        var label = read.Label!;
        Assert.Equal("09501101530003", label.Gtin);
        Assert.Equal(new DateOnly(2026, 12, 31), label.Expiry);
        Assert.Equal("ABC123", label.Lot);
        Assert.Equal("SN0042", label.Serial);
        Assert.Equal(12, label.Count);
        Assert.Equal(5, label.Elements.Count);
    }

    [Theory]
    [InlineData("01095011015300031726123110ABC123", "ABC123")]
    [InlineData("010950110153000317261231\u001d10ABC123", "ABC123")]
    [InlineData("0109501101530003\u001d17261231\u001d10ABC123\u001d", "ABC123")]
    [InlineData("0109501101530003172612311012/AB-c.x", "12/AB-c.x")]
    public void FixedLengthFieldsNeedNoSeparator(string text, string lot)
    {
        var read = Gs1ElementString.Parse(text, Today);

        Assert.True(read.IsValid, read.Problem);
        Assert.Equal("09501101530003", read.Label!.Gtin);
        Assert.Equal(new DateOnly(2026, 12, 31), read.Label.Expiry);
        Assert.Equal(lot, read.Label.Lot);
    }

    [Theory]
    [InlineData("(01)09501101530003(10)" + "ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRST", null)]
    [InlineData("(01)09501101530003(21)" + "12345678901234567890", null, "12345678901234567890")]
    [InlineData("010950110153000310L1\u001d21S1", "L1", "S1")]
    public void LotAndSerialTakeUpToTwentyCharacters(string text, string? lot, string? serial)
    {
        var read = Gs1ElementString.Parse(text, Today);

        Assert.True(read.IsValid, read.Problem);
        Assert.Equal(lot, read.Label!.Lot);
        Assert.Equal(serial, read.Label.Serial);
    }

    [Theory]
    [InlineData("(00)106141411234567897(02)09501101530003(37)24(11)260101(13)260102(15)270630", 6)]
    [InlineData("00106141411234567897" + "0209501101530003" + "3724\u001d" + "11260101" + "13260102" + "15270630", 6)]
    [InlineData("(01)09501101530003(3103)000250(20)01(412)0614141000012(16)270101(10)L1", 6)]
    [InlineData("010950110153000331030002502001" + "4120614141000012" + "1627010110L1", 6)]
    [InlineData("(01)09501101530003(400)PO-4711(90)X(91)INTERNAL-1(422)276", 5)]
    public void OtherLabelFieldsAreReadAndKept(string text, int fields)
    {
        var read = Gs1ElementString.Parse(text, Today);

        Assert.True(read.IsValid, read.Problem);
        Assert.Equal(fields, read.Label!.Elements.Count);
        Assert.Equal(text.Contains("(00)", StringComparison.Ordinal) || text.StartsWith("00", StringComparison.Ordinal)
            ? "106141411234567897" : null, read.Label.Sscc);
    }

    [Fact]
    public void PalletLabelWithOnlyAnSsccHasNoGtin()
    {
        var read = Gs1ElementString.Parse("00106141411234567897", Today);

        Assert.True(read.IsValid, read.Problem);
        Assert.Equal("106141411234567897", read.Label!.Sscc);
        Assert.Null(read.Label.Gtin);
    }

    [Theory]
    [InlineData("260200", 2026, 2, 28)]
    [InlineData("280200", 2028, 2, 29)]
    [InlineData("261100", 2026, 11, 30)]
    [InlineData("261200", 2026, 12, 31)]
    [InlineData("280229", 2028, 2, 29)]
    public void DayZeroMeansTheLastDayOfTheMonth(string yymmdd, int year, int month, int day)
    {
        var read = Gs1ElementString.Parse("0109501101530003" + "17" + yymmdd, Today);

        Assert.True(read.IsValid, read.Problem);
        Assert.Equal(new DateOnly(year, month, day), read.Label!.Expiry);
    }

    [Theory]
    [InlineData("2026-11-28", "761231", 2076)]
    [InlineData("2026-11-28", "771231", 1977)]
    [InlineData("2026-11-28", "000101", 2000)]
    [InlineData("2026-11-28", "991231", 1999)]
    [InlineData("2060-01-01", "100101", 2110)]
    [InlineData("2060-01-01", "110101", 2011)]
    [InlineData("2099-06-30", "010101", 2101)]
    [InlineData("2000-01-01", "510101", 1951)]
    [InlineData("2000-01-01", "500101", 2050)]
    public void TwoDigitYearsFollowTheGs1CenturyRule(string today, string yymmdd, int year)
    {
        var read = Gs1ElementString.Parse("(01)09501101530003(17)" + yymmdd, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(read.IsValid, read.Problem);
        Assert.Equal(year, read.Label!.Expiry!.Value.Year);
    }

    [Theory]
    [InlineData("(01)09501101530008(10)ABC", "The barcode 09501101530008's check digit should be 3, not 8: scan it again or type the SKU.")]
    [InlineData("0109501101530004", "The barcode 09501101530004's check digit should be 3, not 4: scan it again or type the SKU.")]
    [InlineData("(00)106141411234567890", "The SSCC (00) 106141411234567890's check digit should be 7, not 0: scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(17)261301", "The expiry date 261301 on this label is not a date (there is no month 13): scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(17)260001", "The expiry date 260001 on this label is not a date (there is no month 00): scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(17)260230", "The expiry date 260230 on this label is not a date (February 2026 has no day 30): scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(17)250229", "The expiry date 250229 on this label is not a date (February 2025 has no day 29): scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(15)261131", "The best-before date 261131 on this label is not a date (November 2026 has no day 31): scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(7240)ABC", "This label has a field (7240) that the lookup does not read: scan the product's own barcode or type the SKU.")]
    [InlineData("01095011015300037240ABC", "This label has a field (7240) that the lookup does not read: scan the product's own barcode or type the SKU.")]
    [InlineData("0109501101530003" + "04123", "This label has a field (04) that the lookup does not read: scan the product's own barcode or type the SKU.")]
    [InlineData("0109501101530003ABC", "This label has a part the lookup cannot read, starting “ABC”: scan it again or type the SKU.")]
    [InlineData("01095011015", "The GTIN (01) on this label has 9 digits, not 14: scan it again or type the SKU.")]
    [InlineData("0109501\u001d10ABC", "The GTIN (01) on this label has 5 digits, not 14: scan it again or type the SKU.")]
    [InlineData("(01)095011015300031", "The GTIN (01) on this label has 15 digits, not 14: scan it again or type the SKU.")]
    [InlineData("010950110153000317261", "The expiry date (17) on this label has 3 digits, not 6: scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(10)", "The batch/lot (10) on this label is empty: scan it again or type the SKU.")]
    [InlineData("0109501101530003" + "10ABCDEFGHIJKLMNOPQRSTU", "The batch/lot (10) on this label has 21 characters; it can have at most 20: scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(37)123456789", "The count (37) on this label has 9 digits; it can have at most 8: scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(37)1A", "The count (37) on this label must be digits only, not “1A”: scan it again or type the SKU.")]
    [InlineData("(01)0950110153000A", "The GTIN (01) on this label must be digits only, not “0950110153000A”: scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(10)AB C", "The batch/lot (10) on this label has a space, which GS1 labels do not use: scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(21)AB#1", "The serial number (21) on this label has “#”, which GS1 labels do not use: scan it again or type the SKU.")]
    [InlineData("(01)09501101530003(10)A(01)19501101530000", "This label has two different values for its GTIN (01): scan it again or type the SKU.")]
    [InlineData("\u001d", "This label has no fields: scan it again or type the SKU.")]
    [InlineData("(1)23", "This label has a part the lookup cannot read, starting “(1)23”: scan it again or type the SKU.")]
    public void UnreadableLabelsGetAMessageForTheWorker(string text, string problem)
    {
        var read = Gs1ElementString.Parse(text, Today);

        Assert.False(read.IsValid);
        Assert.Null(read.Label);
        Assert.Equal(problem, read.Problem);
    }

    [Fact]
    public void ARepeatedFieldWithTheSameValueIsReadOnce()
    {
        var read = Gs1ElementString.Parse("(01)09501101530003(10)A(01)09501101530003", Today);

        Assert.True(read.IsValid, read.Problem);
        Assert.Equal(2, read.Label!.Elements.Count);
    }

    [Theory]
    [InlineData("(01)09501101530003", true)]
    [InlineData("\u001d(01)09501101530003", true)]
    [InlineData("0109501101530003", true)]
    [InlineData("0109501101530003" + "10ABC", true)]
    [InlineData("0209501101530003" + "3712", true)]
    [InlineData("00106141411234567897", true)]
    [InlineData("10ABC\u001d21XYZ", true)]
    [InlineData("0109501101530004" + "10ABC", false)]
    [InlineData("00106141411234567890", false)]
    [InlineData("09501101530003", false)]
    [InlineData("9501101530003", false)]
    [InlineData("12345670", false)]
    [InlineData("10ABC123", false)]
    [InlineData("1234567890123456", false)]
    [InlineData("HTL-0000001", false)]
    [InlineData("\u001dHTL-0000001", false)]
    [InlineData("(HTL)", false)]
    [InlineData("", false)]
    public void OnlyInputShapedLikeALabelIsTakenForOne(string text, bool expected)
    {
        Assert.Equal(expected, Gs1ElementString.LooksLikeElementString(text));
    }

    [Theory]
    [InlineData("4006381333931", true)]
    [InlineData("4006381333932", false)]
    [InlineData("09501101530003", true)]
    [InlineData("12345670", true)]
    [InlineData("106141411234567897", true)]
    [InlineData("40063813339A1", false)]
    [InlineData("", false)]
    public void CheckDigitsFollowTheGs1Rule(string code, bool valid)
    {
        Assert.Equal(valid, Gs1CheckDigit.IsValid(code));
    }
}
