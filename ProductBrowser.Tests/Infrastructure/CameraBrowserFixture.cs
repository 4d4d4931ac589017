using Microsoft.Playwright;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// A headless Chromium of its own whose fake camera films a barcode: the EAN-13 of demo product
/// <see cref="ProductNumber"/>, drawn into a .y4m video at start. One per test class that uses it, closed after it.
/// Camera permission is decided per context (<see cref="NewPageAsync"/>): the browser runs without
/// <c>--use-fake-ui-for-media-stream</c>, which would accept the camera for every page, so a context that was not
/// granted it is refused (NotAllowedError) as when a user says no.
/// </summary>
public sealed class CameraBrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// A product no other test reads: were the camera tests ever to share an app (and its Redis keys) with the others,
    /// a product they looked up would be a cache hit where another test expects its first read to miss.
    /// </summary>
    public const long ProductNumber = 2_718;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"productbrowser-camera-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    /// <summary>The demo product whose barcode the camera sees (the test catalog uses the default seed).</summary>
    public Product Product { get; } = new DemoCatalogGenerator(new DemoCatalogOptions().Seed).Create(ProductNumber);

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var chromium = BrowserFixture.ChromiumExecutable();
        Directory.CreateDirectory(_folder);
        var video = Path.Combine(_folder, "barcode.y4m");
        BarcodeVideo.Write(video, Ean13.Modules(Product.Gtin!));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}"],
        });
    }

    /// <summary>A tablet-sized touch page in a fresh context, signed in on <paramref name="app"/>, traced like every end-to-end page.</summary>
    public async Task<IPage> NewPageAsync(BrowserFixture app, bool cameraAllowed, string user = BrowserFixture.Staff)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = app.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            HasTouch = true,
            StorageState = await app.SignedInStateAsync(user),
            Permissions = cameraAllowed ? ["camera"] : [],
        });
        context.SetDefaultTimeout(15_000);
        await context.Tracing.StartAsync(new() { Screenshots = true, Snapshots = true });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover video in the temp folder is harmless.
        }
    }
}
