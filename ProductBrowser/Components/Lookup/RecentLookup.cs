namespace ProductBrowser.Components.Lookup;

/// <summary>A lookup this device made, kept in the browser's local storage.</summary>
public sealed record RecentLookup(string Sku, string Name);
