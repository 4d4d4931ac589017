using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace ProductBrowser.Components.Shared;

/// <summary>
/// <c>MudButton</c> with an <c>Href</c>, as plain markup: a link styled as a button of any variant and colour, with an
/// optional start icon. A link has no behaviour of its own, so it needs no component instance in the circuit.
/// </summary>
public static class LinkButton
{
    public static RenderFragment Of(string href, string text, string? startIcon = null, Variant variant = Variant.Text,
        Color color = Color.Default, string? testId = null) =>
        builder => Render(builder, href, text, startIcon, MudMarkup.Button(variant, color), testId);

    private static void Render(RenderTreeBuilder builder, string href, string text, string? startIcon, string classes, string? testId)
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "href", href);
        builder.AddAttribute(2, "class", classes);
        if (testId is not null)
        {
            builder.AddAttribute(3, "data-testid", testId);
        }

        builder.OpenElement(4, "span");
        builder.AddAttribute(5, "class", MudMarkup.ButtonLabel);
        if (startIcon is not null)
        {
            builder.OpenElement(6, "span");
            builder.AddAttribute(7, "class", MudMarkup.ButtonStartIcon());
            builder.AddContent(8, SvgIcon.Of(startIcon));
            builder.CloseElement();
        }

        builder.AddContent(9, text);
        builder.CloseElement();
        builder.CloseElement();
    }
}

