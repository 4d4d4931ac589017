using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ProductBrowser.Components.Shared;

/// <summary>
/// <c>MudButton</c> with an <c>Href</c>, as plain markup: a link styled as a text, outlined or filled button, with an
/// optional start icon. A link has no behaviour of its own, so it needs no component instance in the circuit.
/// </summary>
public static class LinkButton
{
    public static RenderFragment Of(string href, string text, string? startIcon = null, LinkButtonStyle style = LinkButtonStyle.Text,
        string? testId = null) => builder => Render(builder, href, text, startIcon, style, testId);

    private static void Render(RenderTreeBuilder builder, string href, string text, string? startIcon, LinkButtonStyle style, string? testId)
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "href", href);
        builder.AddAttribute(2, "class", style switch
        {
            LinkButtonStyle.Outlined => "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-medium mud-ripple",
            LinkButtonStyle.FilledPrimary => "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple",
            _ => "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-medium mud-ripple",
        });
        if (testId is not null)
        {
            builder.AddAttribute(3, "data-testid", testId);
        }

        builder.OpenElement(4, "span");
        builder.AddAttribute(5, "class", "mud-button-label");
        if (startIcon is not null)
        {
            builder.OpenElement(6, "span");
            builder.AddAttribute(7, "class", "mud-button-icon-start mud-button-icon-size-medium");
            builder.AddContent(8, SvgIcon.Of(startIcon));
            builder.CloseElement();
        }

        builder.AddContent(9, text);
        builder.CloseElement();
        builder.CloseElement();
    }
}

public enum LinkButtonStyle
{
    Text,
    Outlined,
    FilledPrimary,
}
