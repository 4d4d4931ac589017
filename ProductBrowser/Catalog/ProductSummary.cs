using ProductBrowser.Data;

namespace ProductBrowser.Catalog;

/// <summary>One row of the product list.</summary>
public sealed record ProductSummary(
    Guid Id, string Sku, string Name, string Category, decimal WeightKg, UnitOfMeasure UnitOfMeasure, DateTimeOffset UpdatedAt);
