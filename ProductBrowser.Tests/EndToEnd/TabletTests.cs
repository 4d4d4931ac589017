using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static System.FormattableString;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>
/// Every page on a touch tablet, in portrait (800×1280) and landscape (1280×800): targets a finger can hit, nothing
/// serious for axe, a compact list that sorts, and what keyboards, reloads and pasting need.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TabletTests(BrowserFixture browser)
{
    private static readonly ViewportSize Portrait = new() { Width = 800, Height = 1280 };
    private static readonly ViewportSize Landscape = new() { Width = 1280, Height = 800 };
    /// <summary>A desktop screen with a mouse and a keyboard (no touch).</summary>
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly DemoCatalogGenerator Demo = new(new DemoCatalogOptions().Seed);
    // Products no other test reads, so the cache outcomes other tests expect stay theirs.
    private static readonly Guid ProductId = DemoCatalogGenerator.IdFor(2718);
    private static readonly string LookedUpSku = Demo.Create(2719).Sku;

    /// <summary>A page as its user reaches it, and what shows that it has finished loading.</summary>
    private sealed record TabletPage(string Url, string? User, Func<IPage, Task> LoadedAsync);

    private static readonly Dictionary<string, TabletPage> Pages = new()
    {
        ["product list"] = new("/products", BrowserFixture.Staff, page => new ProductListPageObject(page).WaitForRowsAsync()),
        ["product details"] = new($"/products/{ProductId}", BrowserFixture.Admin,
            page => Expect(page.Locator("[data-testid=related-products] a").First).ToBeVisibleAsync()),
        ["product edit"] = new($"/products/{ProductId}/edit", BrowserFixture.Admin,
            page => Expect(page.Locator("#edit-name")).Not.ToHaveValueAsync("")),
        ["sku lookup"] = new("/lookup", BrowserFixture.Staff, async page =>
        {
            // With a result and a recent item on screen, so their buttons and links are measured too.
            var lookup = new SkuLookupPageObject(page);
            await Expect(lookup.Input).ToHaveAttributeAsync("data-ready", "true");
            await lookup.ScanAsync(LookedUpSku);
            await Expect(lookup.RecentItems.First).ToBeVisibleAsync();
        }),
        ["cache dashboard"] = new("/admin/cache", BrowserFixture.Admin, page => Expect(page.Locator("[data-testid=health]")).ToBeVisibleAsync()),
        ["sign-in"] = new("/account/login", null, page => Expect(page.Locator("#username")).ToBeVisibleAsync()),
        ["access denied"] = new("/account/denied", BrowserFixture.Staff, page => Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync()),
        ["page not found"] = new("/no-such-page", BrowserFixture.Staff, page => Expect(page.Locator("[data-testid=page-not-found]")).ToBeVisibleAsync()),
        ["product not found"] = new($"/products/{Guid.NewGuid()}", BrowserFixture.Admin,
            page => Expect(page.Locator("[data-testid=product-not-found]")).ToBeVisibleAsync()),
    };

    public static TheoryData<string, int, int> PagesOnTablets()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var name in Pages.Keys)
        {
            data.Add(name, Portrait.Width, Portrait.Height);
            data.Add(name, Landscape.Width, Landscape.Height);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesOnTablets))]
    public async Task EveryControlIsAFingerWideAndAxeFindsNothingSerious(string name, int width, int height)
    {
        var (url, user, loadedAsync) = Pages[name];
        var page = await browser.NewPageAsync(new ViewportSize { Width = width, Height = height }, touch: true, user: user);
        try
        {
            await page.GotoAsync(url);
            if (user is not null)
            {
                await ProductPageObject.WaitUntilInteractiveAsync(page);
            }

            await loadedAsync(page);
            await BrowserFixture.ScreenshotAsync(page, $"tablet-{name.Replace(' ', '-')}-{width}x{height}");

            var targets = await TouchTargets.MeasureAsync(page);
            var tooSmall = targets.Where(t => t.IsTooSmall).Select(t => t.ToString()).ToList();
            var axe = await page.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")
                .ToList();

            Assert.NotEmpty(targets);
            Assert.True(tooSmall.Count == 0 && serious.Count == 0,
                $"{name} ({url}) at {width}×{height} on a touch screen:{Environment.NewLine}" +
                $"{tooSmall.Count} of {targets.Count} targets under {TouchTargets.MinimumSize}×{TouchTargets.MinimumSize} px:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", tooSmall) + Environment.NewLine +
                $"{serious.Count} serious or critical axe violations:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", serious));
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    [Fact]
    public Task PortraitListIsOneCompactRowPerProductAndSortsFromItsHeader() => OnTheListAsync(Portrait, "/products", async (page, list) =>
    {
        var heights = await list.Rows.EvaluateAllAsync<double[]>("rows => rows.map(r => r.getBoundingClientRect().height)");
        Assert.Equal(25, heights.Length);
        Assert.All(heights, h => Assert.InRange(h, TouchTargets.MinimumSize, 72));

        await list.SortByAsync("Weight");
        await Expect(page).ToHaveURLAsync(new Regex("sort=weight"));
        await list.WaitForRowsAsync();
        var weights = await page.Locator("#product-list tbody td[data-label=Weight]").AllInnerTextsAsync();
        Assert.Equal(weights.Select(Kilograms).Order(), weights.Select(Kilograms));
    });

    [Fact]
    public Task KeyboardFocusOnARowLinkIsOutlined() => OnTheListAsync(Desktop, "/products", touch: false, test: async (page, list) =>
    {
        await list.Search.FocusAsync();

        // Tab from the search box, as a keyboard user does, until a row's link has the focus.
        for (var presses = 0; presses < 40 && !await page.EvaluateAsync<bool>("() => document.activeElement?.matches('a.sku-link') === true"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var focused = page.Locator("a.sku-link:focus-visible");
        await Expect(focused).ToHaveCountAsync(1);
        var style = await focused.EvaluateAsync<string[]>(
            "link => { const s = getComputedStyle(link); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }");
        Assert.True(style[0] != "none" && style[1] != "0px" || style[2] != "none",
            $"The focused row link shows no focus: outline {style[0]} {style[1]}, box-shadow {style[2]}.");
    });

    [Fact]
    public Task SearchBoxIsNamedByItsVisibleLabel() => OnTheListAsync(Portrait, "/products", async (page, list) =>
    {
        var label = (await page.Locator("label[for=product-search]").InnerTextAsync()).Trim();

        Assert.Equal("Search SKU, barcode, name or description", label);
        await Expect(list.Search).ToHaveAccessibleNameAsync(new Regex(Regex.Escape(label)));
    });

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public Task SlashHintShowsOnlyWithAMouseAndTheShortcutWorksEverywhere(bool touch, bool hintShown) =>
        OnTheListAsync(touch ? Portrait : Desktop, "/products", async (page, list) =>
        {
            await (hintShown ? Expect(list.ShortcutHint).ToBeVisibleAsync() : Expect(list.ShortcutHint).ToBeHiddenAsync());

            await page.Keyboard.PressAsync("/");
            await Expect(list.Search).ToBeFocusedAsync();
        }, touch: touch);

    [Fact]
    public Task ReloadKeepsTheListScrolledWhereItWas() => OnTheListAsync(Landscape, "/products?size=100", async (page, list) =>
    {
        await page.EvaluateAsync("window.scrollTo(0, 2000)");
        var scrolled = await page.EvaluateAsync<double>("window.scrollY");
        Assert.True(scrolled > 1500, $"The list did not scroll far enough ({scrolled} px) to test anything.");

        await page.ReloadAsync();
        await ProductPageObject.WaitUntilInteractiveAsync(page);
        await list.WaitForRowsAsync();

        await Eventually.TrueAsync(async () => Math.Abs(await page.EvaluateAsync<double>("window.scrollY") - scrolled) < 5, TimeSpan.FromSeconds(5));
    });

    [Fact]
    public Task PastingOneWeightTabAndTheOtherKeepsBoth() => OnTheListAsync(Landscape, "/products", async (page, list) =>
    {
        // Paste, Tab, paste, as fast as a busy server makes it: the second paste reaches the server before the URL
        // with the first weight comes back (one script, so no round trip can come in between).
        await page.EvaluateAsync("""
            () => {
              const paste = (input, text) => {
                input.focus();
                input.value = text;
                input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));
              };
              const min = document.getElementById('filter-wmin'), max = document.getElementById('filter-wmax');
              paste(min, '1.5');
              min.dispatchEvent(new Event('change', { bubbles: true }));
              paste(max, '4');
            }
            """);

        await Expect(page).ToHaveURLAsync(new Regex(@"\?wmin=1\.5&wmax=4$"));
        await list.WaitForRowsAsync();
        await Expect(list.MinWeight).ToHaveValueAsync("1.5");
        await Expect(list.MaxWeight).ToHaveValueAsync("4");
    });

    [Fact]
    public Task TwoQuickChangesBothReachTheUrl() => OnTheListAsync(Landscape, "/products?q=hammer", async (page, list) =>
    {
        // The second choice is made before the URL with the first one comes back.
        await page.EvaluateAsync("""
            () => {
              for (const [id, value] of [['filter-category', '7'], ['filter-unit', 'Each']]) {
                const select = document.getElementById(id);
                select.value = value;
                select.dispatchEvent(new Event('change', { bubbles: true }));
              }
            }
            """);

        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=hammer&category=7&unit=each$"));
        await Expect(page.Locator("#filter-category")).ToHaveValueAsync("7");
        await Expect(page.Locator("#filter-unit")).ToHaveValueAsync("Each");
    });

    [Fact]
    public Task CategoryCountsAgreeWithTheSearch() => OnTheListAsync(Landscape, "/products?q=hammer", async (page, list) =>
    {
        var all = await list.CategoryOptionCountAsync("All categories");
        await Expect(list.Summary).ToContainTextAsync(Invariant($"of {all:N0} products"));

        var options = await page.Locator("#filter-category option").AllInnerTextsAsync();
        var counted = options.Skip(1).Select(text => Regex.Match(text, @"^(.+) \(([\d,]+)\)$"))
            .Select(m => (Name: m.Groups[1].Value, Count: int.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(options.Count - 1, counted.Count);
        Assert.Equal(all, counted.Sum(c => c.Count));

        var (category, count) = counted.Where(c => c.Count > 0).MinBy(c => c.Count);
        await list.ChooseCategoryAsync(category);
        await Expect(list.Summary).ToContainTextAsync(Invariant($"of {count:N0} products"));
        Assert.Equal(count, await list.CategoryOptionCountAsync(category));
    });

    /// <summary>Runs <paramref name="test"/> on the product list opened at <paramref name="url"/>, signed in as staff, on a touch screen unless told.</summary>
    private async Task OnTheListAsync(ViewportSize viewport, string url, Func<IPage, ProductListPageObject, Task> test, bool touch = true)
    {
        var page = await browser.NewPageAsync(viewport, touch, BrowserFixture.Staff);
        try
        {
            var list = new ProductListPageObject(page);
            await list.OpenAsync(url);
            await test(page, list);
        }
        finally
        {
            await BrowserFixture.CloseAsync(page);
        }
    }

    /// <summary>A weight as the list shows it ("368 g", "1,421.5 kg").</summary>
    private static decimal Kilograms(string weight) => weight.EndsWith(" kg", StringComparison.Ordinal)
        ? decimal.Parse(weight[..^3], NumberStyles.Number, CultureInfo.InvariantCulture)
        : decimal.Parse(weight[..^2], NumberStyles.Number, CultureInfo.InvariantCulture) / 1000m;
}
