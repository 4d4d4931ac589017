using System.Text;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Writes a short YUV4MPEG2 (.y4m) video of a linear barcode, black on white, for Chromium's fake camera
/// (<c>--use-file-for-fake-video-capture</c>, which plays the file in a loop). Full-range 4:2:0 (<c>C420jpeg</c>): each
/// frame is <c>FRAME</c>, the luma plane, then the two chroma planes at half resolution, all 128 (no colour).
/// </summary>
public static class BarcodeVideo
{
    public const int Width = 640;
    public const int Height = 480;
    public const int FramesPerSecond = 10;

    /// <summary>EAN-13 asks for at least 11 modules of white on the left and 7 on the right; 11 on both sides here.</summary>
    public const int QuietZoneModules = 11;

    public static string Header => $"YUV4MPEG2 W{Width} H{Height} F{FramesPerSecond}:1 Ip A1:1 C420jpeg\n";

    /// <summary>Writes <paramref name="frames"/> identical frames of the bars, centred, <paramref name="pixelsPerModule"/> wide each.</summary>
    public static void Write(string path, bool[] modules, int pixelsPerModule = 4, int barHeight = 240, int frames = 5)
    {
        var width = (modules.Length + 2 * QuietZoneModules) * pixelsPerModule;
        if (width > Width || barHeight > Height)
        {
            throw new ArgumentException($"{modules.Length} modules at {pixelsPerModule} px do not fit in {Width}×{Height}.");
        }

        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)255);
        var left = (Width - modules.Length * pixelsPerModule) / 2;
        var top = (Height - barHeight) / 2;
        for (var y = top; y < top + barHeight; y++)
        {
            for (var m = 0; m < modules.Length; m++)
            {
                if (modules[m])
                {
                    Array.Fill(luma, (byte)0, y * Width + left + m * pixelsPerModule, pixelsPerModule);
                }
            }
        }

        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes(Header));
        var frameMarker = Encoding.ASCII.GetBytes("FRAME\n");
        for (var i = 0; i < frames; i++)
        {
            file.Write(frameMarker);
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }
    }
}
