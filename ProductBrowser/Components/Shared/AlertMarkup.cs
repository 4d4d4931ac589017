using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ProductBrowser.Components.Shared;

/// <summary>
/// <c>MudAlert</c>'s markup without a component instance: an icon and a message in an alert of the given severity
/// (<c>info</c>, <c>warning</c>, <c>error</c>) and variant (<c>text</c>, <c>outlined</c>).
/// </summary>
public static class AlertMarkup
{
    public static RenderFragment Of(string severity, string icon, RenderFragment message, string variant = "text",
        string? classes = null, string? testId = null, bool dense = false) => builder =>
            Render(builder, $"mud-alert mud-alert-{variant}-{severity}{(dense ? " mud-dense" : "")}{(classes is null ? "" : " " + classes)}",
                SvgIcon.Of(icon, dense ? "mud-icon-size-small" : "mud-icon-size-medium"), message, testId);

    /// <summary>A plain-text message.</summary>
    public static RenderFragment Of(string severity, string icon, string message, string variant = "text",
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
        builder.AddAttribute(5, "class", "mud-alert-position justify-sm-start");
        builder.OpenElement(6, "div");
        builder.AddAttribute(7, "class", "mud-alert-icon mud-alert-icon-left");
        builder.AddContent(8, icon);
        builder.CloseElement();
        builder.OpenElement(9, "div");
        builder.AddAttribute(10, "class", "mud-alert-message");
        builder.AddContent(11, message);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
