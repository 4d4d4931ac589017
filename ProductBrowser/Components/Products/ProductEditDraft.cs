namespace ProductBrowser.Components.Products;

/// <summary>
/// Unsaved input as the browser kept it: the product version it was typed against and each field's value as shown,
/// by the field's input id.
/// </summary>
public sealed record ProductEditDraft(uint Version, IReadOnlyDictionary<string, string> Fields);
