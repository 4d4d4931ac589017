using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using MudBlazor;
using MudBlazor.Utilities;

namespace ProductBrowser.Components.Shared;

/// <summary>
/// The CSS classes of MudBlazor components, for markup that is written out instead of rendered by the component
/// (docs/decisions/0009). Each method builds its classes the way the named component does, from MudBlazor's own enums
/// and <see cref="CssBuilder"/>, so markup elsewhere never spells a MudBlazor class name itself; MudMarkupTests render the
/// real components and fail when an upgrade makes them render other classes than these.
/// </summary>
public static class MudMarkup
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    /// <summary><c>MudButton</c> (as a button or, with an href, a link).</summary>
    public static string Button(Variant variant = Variant.Text, Color color = Color.Default, Size size = Size.Medium, string? classes = null) =>
        new CssBuilder("mud-button-root mud-button")
            .AddClass($"mud-button-{Name(variant)}")
            .AddClass($"mud-button-{Name(variant)}-{Name(color)}")
            .AddClass($"mud-button-{Name(variant)}-size-{Name(size)}")
            .AddClass("mud-ripple")
            .AddClass(classes)
            .Build();

    public const string ButtonLabel = "mud-button-label";

    /// <summary>The span around <c>MudButton</c>'s <c>StartIcon</c>.</summary>
    public static string ButtonStartIcon(Size size = Size.Medium) => $"mud-button-icon-start mud-button-icon-size-{Name(size)}";

    /// <summary>The span around <c>MudButton</c>'s <c>EndIcon</c>.</summary>
    public static string ButtonEndIcon(Size size = Size.Medium) => $"mud-button-icon-end mud-button-icon-size-{Name(size)}";

    /// <summary><c>MudIconButton</c> with the text variant; <paramref name="ripple"/> false is its <c>Ripple="false"</c>.</summary>
    public static string IconButton(Size size = Size.Medium, bool ripple = true, string? classes = null) =>
        new CssBuilder("mud-button-root mud-icon-button")
            .AddClass("mud-ripple mud-ripple-icon", ripple)
            .AddClass($"mud-icon-button-size-{Name(size)}", size != Size.Medium)
            .AddClass(classes)
            .Build();

    public const string IconButtonLabel = "mud-icon-button-label";

    /// <summary><c>MudIcon</c> (or a component's icon) drawing an SVG icon.</summary>
    public static string Icon(Size size = Size.Medium, Color color = Color.Inherit, string? classes = null) =>
        new CssBuilder("mud-icon-root")
            .AddClass("mud-icon-default", color == Color.Default)
            .AddClass("mud-svg-icon")
            .AddClass($"mud-{Name(color)}-text", color is not (Color.Default or Color.Inherit))
            .AddClass($"mud-icon-size-{Name(size)}")
            .AddClass(classes)
            .Build();

    /// <summary><c>MudAlert</c>'s outer element; its parts are <see cref="AlertPosition"/>, <see cref="AlertIcon"/> and <see cref="AlertMessage"/>.</summary>
    public static string Alert(Severity severity, Variant variant = Variant.Text, bool dense = false, string? classes = null) =>
        new CssBuilder("mud-alert")
            .AddClass($"mud-alert-{Name(variant)}-{Name(severity)}")
            .AddClass("mud-dense", dense)
            .AddClass("mud-elevation-0")
            .AddClass(classes)
            .Build();

    public const string AlertPosition = "mud-alert-position justify-start";
    public const string AlertIcon = "mud-alert-icon mud-alert-icon-left";
    public const string AlertMessage = "mud-alert-message";

    /// <summary><c>MudChip</c>'s chip element (without the container it puts around it).</summary>
    public static string Chip(Variant variant = Variant.Filled, Color color = Color.Default, Size size = Size.Medium, string? classes = null) =>
        new CssBuilder("mud-chip")
            .AddClass($"mud-chip-{Name(variant)}")
            .AddClass($"mud-chip-size-{Name(size)}")
            .AddClass($"mud-chip-color-{Name(color)}")
            .AddClass(classes)
            .Build();

    public const string ChipContent = "mud-chip-content";

    /// <summary>The icon at the start of a <c>MudChip</c>.</summary>
    public static string ChipIcon() => Icon(Size.Small, classes: "mud-chip-icon");

    /// <summary><c>MudText</c>.</summary>
    public static string Text(Typo typo, Color color = Color.Inherit, bool gutterBottom = false, string? classes = null) =>
        new CssBuilder("mud-typography")
            .AddClass($"mud-typography-{Name(typo)}")
            .AddClass($"mud-{Name(color)}-text", color is not (Color.Default or Color.Inherit))
            .AddClass("mud-typography-gutterbottom", gutterBottom)
            .AddClass(classes)
            .Build();

    /// <summary>MudBlazor's utility class for the theme's secondary text colour (grey, unlike <c>Color.Secondary</c>).</summary>
    public const string TextSecondary = "mud-text-secondary";

    /// <summary><c>MudPaper</c>; an outlined paper has no shadow.</summary>
    public static string Paper(int elevation = 1, bool outlined = false, string? classes = null) =>
        new CssBuilder("mud-paper")
            .AddClass("mud-paper-outlined", outlined)
            .AddClass($"mud-elevation-{elevation}", !outlined)
            .AddClass(classes)
            .Build();

    /// <summary><c>MudTable</c>'s outer element; its parts are the <c>Table…</c> constants.</summary>
    public static string Table(bool dense = false, bool hover = false, int elevation = 1, string? classes = null) =>
        new CssBuilder("mud-table mud-xs-table")
            .AddClass("mud-table-dense", dense)
            .AddClass("mud-table-hover", hover)
            .AddClass($"mud-elevation-{elevation}")
            .AddClass(classes)
            .Build();

    public const string TableContainer = "mud-table-container";
    public const string TableRoot = "mud-table-root";
    /// <summary><c>MudTable</c>'s head, which repeats the table's density.</summary>
    public static string TableHead(bool dense = false) => new CssBuilder("mud-table-head").AddClass("mud-table-dense", dense).Build();

    public const string TableBody = "mud-table-body";
    public const string TableRow = "mud-table-row";
    public const string TableCell = "mud-table-cell";

    /// <summary>The row <c>MudTable</c> adds to its head while <c>Loading</c>, and the one cell across it.</summary>
    public const string TableLoadingRow = "mud-table-loading-row";
    public const string TableLoading = "mud-table-loading";

    /// <summary>The class <c>MudTable</c> gives the progress bar in its loading row.</summary>
    public const string TableLoadingProgress = "mud-table-loading-progress";

    /// <summary>
    /// <c>MudTextField</c> with <c>Variant.Outlined</c> and <c>Margin.Dense</c>: the outer control. Its label always sits
    /// on the border, as it does once the field has a value.
    /// </summary>
    public static string FieldControl(bool error = false, string? classes = null) =>
        new CssBuilder("mud-input-control mud-input-control-margin-dense")
            .AddClass("mud-input-error", error)
            .AddClass("mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed")
            .AddClass(classes)
            .Build();

    public const string FieldInputContainer = "mud-input-control-input-container";

    /// <summary>The outlined field's box around the input, its adornment and its border.</summary>
    public static string FieldInput(bool adornedStart = false, bool error = false) =>
        new CssBuilder("mud-input mud-input-outlined mud-input-outlined-with-label")
            .AddClass("mud-input-adorned-start", adornedStart)
            .AddClass("mud-input-margin-dense mud-shrink")
            .AddClass("mud-input-error", error)
            .AddClass($"mud-typography-{Name(Typo.subtitle1)}")
            .AddClass("mud-input-sizing-fixed")
            .Build();

    /// <summary>The native input (or select) itself.</summary>
    public static string FieldSlot(bool adornedStart = false) =>
        new CssBuilder("mud-input-slot mud-input-root mud-input-root-outlined")
            .AddClass("mud-input-root-adorned-start", adornedStart)
            .AddClass("mud-input-root-margin-dense")
            .Build();

    public const string FieldAdornmentStart = "mud-input-adornment mud-input-adornment-start";

    /// <summary>The icon in a field's start adornment.</summary>
    public static string FieldAdornmentIcon() => Icon(Size.Medium, Color.Default, "mud-input-adornment-icon");

    public const string FieldBorder = "mud-input-outlined-border";

    public static string FieldLabel(bool error = false) =>
        new CssBuilder("mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense")
            .AddClass("mud-input-error", error)
            .AddClass("mud-input-label-inputcontrol")
            .Build();

    /// <summary>The line under a field (its <c>HelperText</c> or <c>ErrorText</c>).</summary>
    public const string FieldHelperContainer = "mud-input-control-helper-container px-2";

    public static string FieldHelperText(bool error = false) =>
        new CssBuilder("d-flex mud-input-helper-text").AddClass("mud-input-error", error).Build();

    /// <summary><c>MudGrid</c> with its default justification.</summary>
    public static string Grid(int spacing) => $"mud-grid mud-grid-spacing-xs-{spacing} justify-start";

    /// <summary><c>MudItem</c> with breakpoints <c>xs</c> and <c>md</c>.</summary>
    public static string GridItem(int xs, int md) => $"mud-grid-item mud-grid-item-xs-{xs} mud-grid-item-md-{md}";

    public const string Layout = "mud-layout";
    public const string MainContent = "mud-main-content";

    /// <summary><c>MudAppBar</c> fixed at the top, with its default colour.</summary>
    public static string AppBar(bool dense = false, int elevation = 4) =>
        new CssBuilder("mud-appbar")
            .AddClass("mud-appbar-dense", dense)
            .AddClass("mud-appbar-fixed-top")
            .AddClass($"mud-elevation-{elevation}")
            .Build();

    /// <summary>The <c>MudToolBar</c> that <c>MudAppBar</c> renders inside itself.</summary>
    public static string AppBarToolBar(bool dense = false) =>
        new CssBuilder("mud-toolbar").AddClass("mud-toolbar-dense", dense).AddClass("mud-toolbar-gutters mud-toolbar-appbar").Build();

    /// <summary><c>MudContainer</c> with gutters.</summary>
    public static string Container(MaxWidth maxWidth = MaxWidth.Large, string? classes = null) =>
        new CssBuilder("mud-container").AddClass($"mud-container-maxwidth-{Name(maxWidth)}").AddClass("mud-container--gutters").AddClass(classes).Build();

    /// <summary><c>MudNavLink</c>'s outer element.</summary>
    public const string NavItem = "mud-nav-item";

    public static string NavLink(bool active) => new CssBuilder("mud-nav-link mud-ripple").AddClass("active", active).Build();

    public static string NavLinkIcon() => Icon(Size.Medium, Color.Default, "mud-nav-link-icon mud-nav-link-icon-default");

    public const string NavLinkText = "mud-nav-link-text";

    /// <summary>
    /// The CSS name MudBlazor gives an enum value: its <see cref="DescriptionAttribute"/>, as MudBlazor's own
    /// <c>ToDescriptionString</c> reads it.
    /// </summary>
    private static string Name(Enum value) => Names.GetOrAdd(value, static v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? v.ToString().ToLowerInvariant());
}
