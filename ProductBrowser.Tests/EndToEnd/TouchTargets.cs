using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>
/// What a finger can hit on a page: every visible interactive element with its size, measured in the browser.
/// <list type="bullet">
/// <item>Counted: links, buttons, inputs, selects, text areas, summaries, elements with a widget role or a tab stop
/// (<c>tabindex</c> 0 or more), and labels of check boxes and radio buttons (the label is what people tap there).</item>
/// <item>Not counted: elements that are not rendered (<c>display: none</c>, <c>visibility: hidden</c>, inside a hidden
/// ancestor), of no size or clipped to a pixel (the visually-hidden pattern, for screen readers only), or outside the
/// page where no scrolling reaches them; labels of text fields and selects, whose field is the target and is counted.</item>
/// <item>No exemption for links inside a paragraph (WCAG 2.5.5's inline exception): the app has none that are not
/// 48 px already, so none is claimed.</item>
/// </list>
/// </summary>
public static class TouchTargets
{
    public const int MinimumSize = 48;

    public sealed record Target
    {
        public string Element { get; init; } = "";

        public string Text { get; init; } = "";

        public double Width { get; init; }

        public double Height { get; init; }

        public bool IsTooSmall => Math.Round(Width) < MinimumSize || Math.Round(Height) < MinimumSize;

        public override string ToString() => $"{Element} \"{Text}\" {Width:0}×{Height:0} px";
    }

    private const string Script = """
        () => {
          const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [contenteditable=""], [contenteditable=true], '
            + '[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], [role=option], '
            + '[tabindex]:not([tabindex^="-"]), label[for]';
          const pageWidth = document.documentElement.scrollWidth, pageHeight = document.documentElement.scrollHeight;
          const targets = [];
          for (const element of document.querySelectorAll(interactive)) {
            if (!element.checkVisibility({ visibilityProperty: true })) continue;
            if (element.tagName === 'LABEL') {
              const control = element.control;
              if (!control || !['checkbox', 'radio'].includes(control.type)) continue;
            }
            const box = element.getBoundingClientRect();
            if (box.width <= 1 || box.height <= 1) continue;
            const left = box.left + window.scrollX, top = box.top + window.scrollY;
            if (left + box.width <= 0 || top + box.height <= 0 || left >= pageWidth || top >= pageHeight) continue;
            const name = (element.getAttribute('aria-label') || element.innerText || element.value || element.getAttribute('title') || '')
              .replace(/\s+/g, ' ').trim().slice(0, 60);
            const classes = [...element.classList].slice(0, 3).map(c => '.' + c).join('');
            targets.push({ Element: element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + classes, Text: name, Width: box.width, Height: box.height });
          }
          return targets;
        }
        """;

    public static async Task<IReadOnlyList<Target>> MeasureAsync(IPage page) => await page.EvaluateAsync<Target[]>(Script);
}
