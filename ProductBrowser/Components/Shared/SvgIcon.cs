using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace ProductBrowser.Components.Shared;

/// <summary>
/// A MudBlazor icon as plain markup, for places that only show it: the same element <c>MudIcon</c> renders, without a
/// component instance. Every component on an interactive page lives as long as the circuit and keeps two render-tree
/// buffers (about 5 KB), so markup-only parts of long-lived pages are written as markup (see docs/benchmarks/circuits.md).
/// </summary>
public static class SvgIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Rendered = new();

    /// <param name="icon">An icon from <c>MudBlazor.Icons</c> (the SVG's inner markup).</param>
    private static readonly string MediumIcon = MudMarkup.Icon();

    /// <param name="classes">The icon's classes from <see cref="MudMarkup.Icon"/> (a medium icon when left out).</param>
    public static MarkupString Of(string icon, string? classes = null) =>
        Rendered.GetOrAdd((icon, classes ?? MediumIcon), static key => new MarkupString(
            $"""<svg class="{key.Classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{key.Icon}</svg>"""));
}
