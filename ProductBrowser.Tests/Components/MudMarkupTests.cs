using System.Reflection;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ProductBrowser.Components.Shared;

namespace ProductBrowser.Tests.Components;

/// <summary>
/// The pages write MudBlazor's markup out (docs/decisions/0009) with the classes <see cref="MudMarkup"/> gives. Each test
/// renders the real MudBlazor component with the same parameters, so an upgrade that changes its classes fails here
/// instead of only showing in screenshots.
/// </summary>
public sealed class MudMarkupTests : BunitContext
{
    private const string Icon = Icons.Material.Filled.Search;

    public MudMarkupTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Theory]
    [InlineData(Variant.Text, Color.Default, Size.Medium)]
    [InlineData(Variant.Text, Color.Default, Size.Small)]
    [InlineData(Variant.Outlined, Color.Default, Size.Medium)]
    [InlineData(Variant.Outlined, Color.Primary, Size.Large)]
    [InlineData(Variant.Filled, Color.Primary, Size.Medium)]
    public void ButtonClassesAreMudButtons(Variant variant, Color color, Size size)
    {
        var withStart = Render<MudButton>(p => p.Add(b => b.Variant, variant).Add(b => b.Color, color).Add(b => b.Size, size)
            .Add(b => b.StartIcon, Icon).Add(b => b.Href, "/products").Add(b => b.ChildContent, "Go"));
        var withEnd = Render<MudButton>(p => p.Add(b => b.Variant, variant).Add(b => b.Color, color).Add(b => b.Size, size)
            .Add(b => b.EndIcon, Icon).Add(b => b.ChildContent, "Go"));

        SameClasses(MudMarkup.Button(variant, color, size), withStart.Find("a"));
        SameClasses(MudMarkup.Button(variant, color, size), withEnd.Find("button"));
        SameClasses(MudMarkup.ButtonLabel, withStart.Find("a > span"));
        SameClasses(MudMarkup.ButtonStartIcon(size), withStart.Find(".mud-button-label > span"));
        SameClasses(MudMarkup.ButtonEndIcon(size), withEnd.Find(".mud-button-label > span"));
        SameClasses(MudMarkup.Icon(size), withEnd.Find("svg"));
    }

    [Theory]
    [InlineData(Size.Medium, true)]
    [InlineData(Size.Small, true)]
    [InlineData(Size.Medium, false)]
    public void IconButtonClassesAreMudIconButtons(Size size, bool ripple)
    {
        var button = Render<MudIconButton>(p => p.Add(b => b.Icon, Icon).Add(b => b.Size, size).Add(b => b.Ripple, ripple));

        SameClasses(MudMarkup.IconButton(size, ripple), button.Find("button"));
        SameClasses(MudMarkup.IconButtonLabel, button.Find("button > span"));
        SameClasses(MudMarkup.Icon(size), button.Find("svg"));
    }

    [Theory]
    [InlineData(Size.Medium, Color.Inherit)]
    [InlineData(Size.Small, Color.Inherit)]
    [InlineData(Size.Medium, Color.Default)]
    public void IconClassesAreMudIcons(Size size, Color color)
    {
        var icon = Render<MudIcon>(p => p.Add(i => i.Icon, Icon).Add(i => i.Size, size).Add(i => i.Color, color));

        SameClasses(MudMarkup.Icon(size, color), icon.Find("svg"));
    }

    [Theory]
    [InlineData(Severity.Info, Variant.Text, true)]
    [InlineData(Severity.Error, Variant.Text, false)]
    [InlineData(Severity.Warning, Variant.Text, false)]
    [InlineData(Severity.Warning, Variant.Outlined, false)]
    public void AlertClassesAreMudAlerts(Severity severity, Variant variant, bool dense)
    {
        var alert = Render<MudAlert>(p => p.Add(a => a.Severity, severity).Add(a => a.Variant, variant).Add(a => a.Dense, dense)
            .Add(a => a.ChildContent, "Message"));

        SameClasses(MudMarkup.Alert(severity, variant, dense), alert.Find(".mud-alert"));
        SameClasses(MudMarkup.AlertPosition, alert.Find(".mud-alert > div"));
        SameClasses(MudMarkup.AlertIcon, alert.Find(".mud-alert-position > div:first-child"));
        SameClasses(MudMarkup.AlertMessage, alert.Find(".mud-alert-position > div:last-child"));
    }

    [Theory]
    [InlineData(Variant.Filled, Color.Success, Size.Small)]
    [InlineData(Variant.Filled, Color.Info, Size.Small)]
    [InlineData(Variant.Filled, Color.Error, Size.Small)]
    [InlineData(Variant.Filled, Color.Warning, Size.Small)]
    [InlineData(Variant.Filled, Color.Default, Size.Small)]
    [InlineData(Variant.Outlined, Color.Default, Size.Small)]
    [InlineData(Variant.Outlined, Color.Default, Size.Medium)]
    public void ChipClassesAreMudChips(Variant variant, Color color, Size size)
    {
        var chip = Render<MudChip<string>>(p => p.Add(c => c.Variant, variant).Add(c => c.Color, color).Add(c => c.Size, size)
            .Add(c => c.Icon, Icon).Add(c => c.Text, "HIT"));

        SameClasses(MudMarkup.Chip(variant, color, size), chip.Find(".mud-chip"));
        SameClasses(MudMarkup.ChipContent, chip.Find(".mud-chip > span"));
        SameClasses(MudMarkup.ChipIcon(), chip.Find(".mud-chip > svg"));
    }

    [Theory]
    [InlineData(Typo.h4, Color.Inherit, false)]
    [InlineData(Typo.h4, Color.Inherit, true)]
    [InlineData(Typo.h5, Color.Inherit, false)]
    [InlineData(Typo.h6, Color.Inherit, false)]
    [InlineData(Typo.subtitle1, Color.Inherit, false)]
    [InlineData(Typo.subtitle2, Color.Inherit, false)]
    [InlineData(Typo.body1, Color.Inherit, false)]
    [InlineData(Typo.body2, Color.Inherit, false)]
    [InlineData(Typo.caption, Color.Inherit, false)]
    [InlineData(Typo.overline, Color.Secondary, false)]
    public void TextClassesAreMudTexts(Typo typo, Color color, bool gutterBottom)
    {
        var text = Render<MudText>(p => p.Add(t => t.Typo, typo).Add(t => t.Color, color).Add(t => t.GutterBottom, gutterBottom)
            .Add(t => t.ChildContent, "Text"));

        SameClasses(MudMarkup.Text(typo, color, gutterBottom), text.Find(".mud-typography"));
    }

    [Fact]
    public void SecondaryTextIsAClassOfMudBlazorsStyleSheet()
    {
        var version = typeof(MudButton).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var css = Path.Combine(packages, "mudblazor", version, "staticwebassets", "MudBlazor.min.css");
        Assert.True(File.Exists(css), $"MudBlazor's style sheet is not at {css}: run `dotnet restore` first.");

        Assert.Contains($".{MudMarkup.TextSecondary}{{", File.ReadAllText(css), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(8, false)]
    [InlineData(1, true)]
    public void PaperClassesAreMudPapers(int elevation, bool outlined)
    {
        var paper = Render<MudPaper>(p => p.Add(x => x.Elevation, elevation).Add(x => x.Outlined, outlined));

        SameClasses(MudMarkup.Paper(elevation, outlined), paper.Find(".mud-paper"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TableClassesAreMudTables(bool dense)
    {
        var table = Render<MudTable<string>>(p => p
            .Add(t => t.Items, ["HTL-0000001"]).Add(t => t.Dense, dense).Add(t => t.Hover, true).Add(t => t.Elevation, 1)
            .Add(t => t.Loading, true)
            .Add(t => t.HeaderContent, b =>
            {
                b.OpenComponent<MudTh>(0);
                b.AddAttribute(1, nameof(MudTh.ChildContent), (RenderFragment)(c => c.AddContent(0, "SKU")));
                b.CloseComponent();
            })
            .Add(t => t.RowTemplate, sku => b =>
            {
                b.OpenComponent<MudTd>(0);
                b.AddAttribute(1, nameof(MudTd.DataLabel), "SKU");
                b.AddAttribute(2, nameof(MudTd.ChildContent), (RenderFragment)(c => c.AddContent(0, sku)));
                b.CloseComponent();
            }));

        SameClasses(MudMarkup.Table(dense, hover: true, elevation: 1), table.Find(".mud-table"));
        SameClasses(MudMarkup.TableContainer, table.Find(".mud-table > div"));
        SameClasses(MudMarkup.TableRoot, table.Find("table"));
        SameClasses(MudMarkup.TableHead(dense), table.Find("thead"));
        SameClasses(MudMarkup.TableBody, table.Find("tbody"));
        SameClasses(MudMarkup.TableRow, table.Find("thead tr:first-child"));
        SameClasses(MudMarkup.TableCell, table.Find("thead tr th"));
        SameClasses(MudMarkup.TableLoadingRow, table.Find("thead tr:last-child"));
        SameClasses(MudMarkup.TableLoading, table.Find("thead tr:last-child > td"));
        Assert.Contains(MudMarkup.TableLoadingProgress, table.Find("thead tr:last-child [role=progressbar]").ClassList);
        SameClasses(MudMarkup.TableRow, table.Find("tbody tr"));
        SameClasses(MudMarkup.TableCell, table.Find("tbody td"));
    }

    [Fact]
    public void FieldClassesAreAnOutlinedDenseMudTextField()
    {
        var field = Render<MudTextField<string>>(p => p
            .Add(f => f.Variant, Variant.Outlined).Add(f => f.Margin, Margin.Dense).Add(f => f.Label, "Search").Add(f => f.Value, "hammer")
            .Add(f => f.Adornment, Adornment.Start).Add(f => f.AdornmentIcon, Icon).Add(f => f.HelperText, "Press / to search"));

        SameClasses(MudMarkup.FieldControl(), field.Find(".mud-input-control"));
        SameClasses(MudMarkup.FieldInputContainer, field.Find(".mud-input-control > div"));
        SameClasses(MudMarkup.FieldInput(adornedStart: true), field.Find(".mud-input"));
        SameClasses(MudMarkup.FieldAdornmentStart, field.Find(".mud-input-adornment"));
        SameClasses(MudMarkup.FieldAdornmentIcon(), field.Find(".mud-input-adornment svg"));
        SameClasses(MudMarkup.FieldSlot(adornedStart: true), field.Find("input"));
        SameClasses(MudMarkup.FieldBorder, field.Find("fieldset"));
        SameClasses(MudMarkup.FieldLabel(), field.Find("label"));
        SameClasses(MudMarkup.FieldHelperContainer, field.Find(".mud-input-control > div:last-child"));
        SameClasses(MudMarkup.FieldHelperText(), field.Find(".mud-input-helper-text"));
    }

    [Fact]
    public void FieldClassesInErrorAreAnOutlinedDenseMudTextFieldInError()
    {
        var field = Render<MudTextField<string>>(p => p
            .Add(f => f.Variant, Variant.Outlined).Add(f => f.Margin, Margin.Dense).Add(f => f.Label, "Min weight (kg)").Add(f => f.Value, "two")
            .Add(f => f.Error, true).Add(f => f.ErrorText, "Enter a weight in kg, such as 2.5"));

        SameClasses(MudMarkup.FieldControl(error: true), field.Find(".mud-input-control"));
        SameClasses(MudMarkup.FieldInput(error: true), field.Find(".mud-input"));
        SameClasses(MudMarkup.FieldSlot(), field.Find("input"));
        SameClasses(MudMarkup.FieldLabel(error: true), field.Find("label"));
        SameClasses(MudMarkup.FieldHelperText(error: true), field.Find(".mud-input-helper-text"));
    }

    [Fact]
    public void GridClassesAreMudGrids()
    {
        var grid = Render<MudGrid>(p => p.Add(g => g.Spacing, 4).Add(g => g.ChildContent, b =>
        {
            b.OpenComponent<MudItem>(0);
            b.AddAttribute(1, nameof(MudItem.xs), 12);
            b.AddAttribute(2, nameof(MudItem.md), 8);
            b.CloseComponent();
        }));

        SameClasses(MudMarkup.Grid(4), grid.Find(".mud-grid"));
        SameClasses(MudMarkup.GridItem(12, 8), grid.Find(".mud-grid-item"));
    }

    [Fact]
    public void ShellClassesAreMudLayoutAppBarAndContainer()
    {
        var layout = Render<MudLayout>(p => p.Add(l => l.ChildContent, b =>
        {
            b.OpenComponent<MudAppBar>(0);
            b.AddAttribute(1, nameof(MudAppBar.Dense), true);
            b.AddAttribute(2, nameof(MudAppBar.Elevation), 1);
            b.CloseComponent();
            b.OpenComponent<MudMainContent>(3);
            b.AddAttribute(4, nameof(MudMainContent.ChildContent), (RenderFragment)(c =>
            {
                c.OpenComponent<MudContainer>(0);
                c.AddAttribute(1, nameof(MudContainer.MaxWidth), MaxWidth.ExtraLarge);
                c.CloseComponent();
            }));
            b.CloseComponent();
        }));

        SameClasses(MudMarkup.Layout, layout.Find(".mud-layout"));
        SameClasses(MudMarkup.AppBar(dense: true, elevation: 1), layout.Find("header"));
        SameClasses(MudMarkup.AppBarToolBar(dense: true), layout.Find("header > div"));
        SameClasses(MudMarkup.MainContent, layout.Find(".mud-main-content"));
        SameClasses(MudMarkup.Container(MaxWidth.ExtraLarge), layout.Find(".mud-container"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NavLinkClassesAreMudNavLinks(bool active)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(active ? "/products" : "/lookup");
        var link = Render<MudNavLink>(p => p.Add(l => l.Href, "/products").Add(l => l.Match, NavLinkMatch.Prefix).Add(l => l.Icon, Icon)
            .Add(l => l.ChildContent, "Products"));

        SameClasses(MudMarkup.NavItem, link.Find(".mud-nav-item"));
        SameClasses(MudMarkup.NavLink(active), link.Find("a"));
        SameClasses(MudMarkup.NavLinkIcon(), link.Find("a svg"));
        SameClasses(MudMarkup.NavLinkText, link.Find(".mud-nav-link-text"));
    }

    /// <summary>The same classes in any order, shown sorted so that a failure reads as the difference.</summary>
    private static void SameClasses(string expected, IElement real) =>
        Assert.Equal(
            string.Join(' ', expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)),
            string.Join(' ', real.ClassList.Order(StringComparer.Ordinal)));
}
