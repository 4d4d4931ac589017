namespace ProductBrowser.Catalog.List;

/// <summary>A category to filter by, with how many products it holds in the whole catalog.</summary>
public sealed record CategoryOption(int Id, string Name, long ProductCount);
