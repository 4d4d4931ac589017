using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog.List;

/// <summary>One row of the product list.</summary>
public sealed record ProductSummary(
    Guid Id, string Sku, string Name, int CategoryId, string Category, decimal WeightKg, UnitOfMeasure UnitOfMeasure,
    DateTimeOffset UpdatedAt);
