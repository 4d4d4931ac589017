using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace ProductBrowser.Components.Shared;

/// <summary>
/// <c>MudAlert</c>'s markup without a component instance: an icon and a message in an alert of the given severity and
/// variant. A dense alert keeps a small icon, to sit in a line of text.
/// </summary>
public static class AlertMarkup
{
    private static readonly string SmallIcon = MudMarkup.Icon(Size.Small);

    public static RenderFragment Of(Severity severity, string icon, RenderFragment message, Variant variant = Variant.Text,
        string? classes = null, string? testId = null, bool dense = false) => builder =>
            Render(builder, MudMarkup.Alert(severity, variant, dense, classes), SvgIcon.Of(icon, dense ? SmallIcon : null), message, testId);

    /// <summary>A plain-text message.</summary>
    public static RenderFragment Of(Severity severity, string icon, string message, Variant variant = Variant.Text,
        string? classes = null, string? testId = null, bool dense = false) =>
        Of(severity, icon, builder => builder.AddContent(0, message), variant, classes, testId, dense);

    private static void Render(RenderTreeBuilder builder, string classes, MarkupString icon, RenderFragment message, string? testId)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "role", "alert");
        builder.AddAttribute(2, "class", classes);
        if (testId is not null)
        {
            builder.AddAttribute(3, "data-testid", testId);
        }

        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", MudMarkup.AlertPosition);
        builder.OpenElement(6, "div");
        builder.AddAttribute(7, "class", MudMarkup.AlertIcon);
        builder.AddContent(8, icon);
        builder.CloseElement();
        builder.OpenElement(9, "div");
        builder.AddAttribute(10, "class", MudMarkup.AlertMessage);
        builder.AddContent(11, message);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
