using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog;

/// <summary>A pack of a product as shown and cached: its level, its GTIN-14 and the base units it holds.</summary>
public sealed record ProductPackDetails(PackLevel Level, string Gtin, int Quantity);
