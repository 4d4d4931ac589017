using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using ProductBrowser.Components.Shared;

namespace ProductBrowser.Components.Products.List;

/// <summary>
/// A native <c>select</c> in MudBlazor's outlined-field markup: keyboard type-ahead and the device's own picker on
/// tablets, and no popover or item components kept per option. Markup rather than a component, so the list's three
/// selects cost no component instances; <c>receiver</c> is the component whose change handler runs (and re-renders).
/// </summary>
public static class NativeSelect
{
    public static RenderFragment Of(IHandleEvent receiver, string id, string label, string? value,
        IReadOnlyList<(string Value, string Text)> options, Func<string?, Task> changed) => builder =>
    {
        var selected = value ?? "";
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", MudMarkup.FieldControl(classes: $"native-select {id}"));
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", MudMarkup.FieldInputContainer);
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", MudMarkup.FieldInput());
        builder.OpenElement(6, "select");
        builder.AddAttribute(7, "id", id);
        builder.AddAttribute(8, "class", MudMarkup.FieldSlot());
        builder.AddAttribute(9, "value", selected);
        builder.AddAttribute(10, "onchange", EventCallback.Factory.Create<ChangeEventArgs>(receiver,
            e => changed(e.Value as string is { Length: > 0 } chosen ? chosen : null)));
        foreach (var option in options)
        {
            builder.OpenElement(11, "option");
            builder.AddAttribute(12, "value", option.Value);
            builder.AddAttribute(13, "selected", option.Value == selected);
            builder.AddContent(14, option.Text);
            builder.CloseElement();
        }

        builder.CloseElement();
        Border(builder, label);
        builder.CloseElement();
        Label(builder, id, label, error: false);
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>The outlined border with the label's gap in it.</summary>
    private static void Border(RenderTreeBuilder builder, string label)
    {
        builder.OpenElement(20, "fieldset");
        builder.AddAttribute(21, "class", MudMarkup.FieldBorder);
        builder.OpenElement(22, "legend");
        builder.AddContent(23, label);
        builder.CloseElement();
        builder.CloseElement();
    }

    private static void Label(RenderTreeBuilder builder, string id, string label, bool error)
    {
        builder.OpenElement(30, "label");
        builder.AddAttribute(31, "class", MudMarkup.FieldLabel(error));
        builder.AddAttribute(32, "for", id);
        builder.AddContent(33, label);
        builder.CloseElement();
    }
}
