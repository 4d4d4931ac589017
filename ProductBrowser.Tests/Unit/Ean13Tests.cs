using System.Text;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Unit;

/// <summary>The barcode the camera tests film must be a real EAN-13, or a passing test proves nothing.</summary>
public sealed class Ean13Tests
{
    [Theory]
    [InlineData("400638133393", '1')]
    [InlineData("590123412345", '7')]
    [InlineData("000000000000", '0')]
    public void CheckDigitWeighsDigitsOneAndThreeFromTheLeft(string firstTwelve, char expected) =>
        Assert.Equal(expected, Ean13.CheckDigit(firstTwelve));

    [Fact]
    public void CheckDigitAgreesWithTheDemoCatalogsBarcodes()
    {
        foreach (var number in new long[] { 1, 42, 1_000, 2_999, 50_000 })
        {
            var gtin = DemoCatalogGenerator.Gtin13(number);
            Assert.Equal(gtin[12], Ean13.CheckDigit(gtin[..12]));
        }
    }

    [Fact]
    public void KnownCodeEncodesToItsPublishedModulePattern()
    {
        // 4006381333931: first digit 4 gives the left half the parity LGLLGG; written out from the code tables.
        var expected = string.Concat(
            "101",
            "0001101", "0100111", "0101111", "0111101", "0001001", "0110011", // 0 L, 0 G, 6 L, 3 L, 8 G, 1 G
            "01010",
            "1000010", "1000010", "1000010", "1110100", "1000010", "1100110", // 3 3 3 9 3 1 in R code
            "101");

        var modules = Ean13.Modules("4006381333931");

        Assert.Equal(Ean13.ModuleCount, modules.Length);
        Assert.Equal(expected, string.Concat(modules.Select(m => m ? '1' : '0')));
    }

    [Theory]
    [InlineData("4006381333932")]
    [InlineData("400638133393")]
    [InlineData("40063813339X1")]
    public void CodeWithAWrongCheckDigitOrLengthIsRefused(string code) =>
        Assert.Throws<ArgumentException>(() => Ean13.Modules(code));

    [Fact]
    public void VideoHasTheY4mHeaderAndWholeFrames()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ean13-{Guid.NewGuid():N}.y4m");
        try
        {
            BarcodeVideo.Write(path, Ean13.Modules("4006381333931"), frames: 3);

            var bytes = File.ReadAllBytes(path);
            var header = Encoding.ASCII.GetBytes("YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n");
            var frame = "FRAME\n".Length + 640 * 480 * 3 / 2;
            Assert.Equal(header, bytes[..header.Length]);
            Assert.Equal(header.Length + 3 * frame, bytes.Length);

            // The middle row of the first frame: white quiet zone, then the start guard's bar, space, bar at 4 px each.
            var row = header.Length + "FRAME\n".Length + 240 * 640;
            var left = (640 - 95 * 4) / 2;
            Assert.All(bytes[row..(row + left)], b => Assert.Equal(255, b));
            Assert.Equal([0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0], bytes[(row + left)..(row + left + 12)].Select(b => (int)b));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
