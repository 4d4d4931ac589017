using System.Linq.Expressions;
using ProductBrowser.Catalog.List;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog;

internal static class ProductProjections
{
    public static readonly Expression<Func<Product, ProductDetails>> Details = p => new ProductDetails(
        p.Id, p.Sku, p.Gtin, p.Name, p.Description, p.CategoryId, p.Category.Name, p.Brand,
        p.WeightKg, p.LengthCm, p.WidthCm, p.HeightCm, p.UnitOfMeasure, p.UnitsPerPack, p.BinLocation,
        p.CreatedAt, p.UpdatedAt, p.Version, Math.Max(p.Revision, p.Category.Revision),
        p.Packs.OrderBy(k => k.Quantity).Select(k => new ProductPackDetails(k.Level, k.Gtin, k.Quantity)).ToList());

    public static readonly Expression<Func<Product, ProductSummary>> Summary = p => new ProductSummary(
        p.Id, p.Sku, p.Name, p.CategoryId, p.Category.Name, p.WeightKg, p.UnitOfMeasure, p.UpdatedAt);
}
