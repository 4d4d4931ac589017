using ProductBrowser.Data.Seeding;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Unit;

public sealed class DemoCatalogGeneratorTests
{
    [Fact]
    public void SameSeedGivesTheSameCatalog()
    {
        var first = new DemoCatalogGenerator(42).Generate(1, 500).Select(Describe).ToList();
        var second = new DemoCatalogGenerator(42).Generate(1, 500).Select(Describe).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void ProductDependsOnlyOnItsNumberNotOnTheBatchItIsGeneratedIn()
    {
        var inBatch = new DemoCatalogGenerator(42).Generate(1, 300).Last();
        var alone = new DemoCatalogGenerator(42).Create(300);

        Assert.Equal(Describe(inBatch), Describe(alone));
    }

    [Fact]
    public void AnotherSeedGivesAnotherCatalog()
    {
        var first = new DemoCatalogGenerator(1).Generate(1, 50).Select(p => p.Name);
        var second = new DemoCatalogGenerator(2).Generate(1, 50).Select(p => p.Name);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void FirstProductHasTheDocumentedId()
    {
        Assert.Equal(Guid.Parse("20000000-0000-0000-0000-000000000001"), DemoCatalogGenerator.IdFor(1));
        Assert.Equal(Guid.Parse("20000000-0000-0000-0000-000001000000"), DemoCatalogGenerator.IdFor(1_000_000));
    }

    [Fact]
    public void GeneratedProductsAreUniqueAndPlausible()
    {
        var products = new DemoCatalogGenerator(7).Generate(1, 5_000).ToList();

        Assert.Equal(products.Count, products.Select(p => p.Sku).Distinct().Count());
        Assert.Equal(products.Count, products.Select(p => p.Gtin).Distinct().Count());
        Assert.All(products, p =>
        {
            Assert.True(p.WeightKg > 0);
            Assert.True(p.LengthCm > 0 && p.WidthCm > 0 && p.HeightCm > 0);
            Assert.Equal(p.Sku.ToUpperInvariant(), p.Sku);
            Assert.True(p.UpdatedAt >= p.CreatedAt);
            Assert.True(IsValidGtin13(p.Gtin!), p.Gtin);
        });
        Assert.True(products.Select(p => p.CategoryId).Distinct().Count() >= 10);
    }

    private static bool IsValidGtin13(string gtin)
    {
        if (gtin.Length != 13 || !gtin.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = gtin.Take(12).Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return (10 - sum % 10) % 10 == gtin[12] - '0';
    }

    private static string Describe(ProductBrowser.Data.Product p) =>
        $"{p.Id}|{p.Sku}|{p.Gtin}|{p.Name}|{p.Description}|{p.CategoryId}|{p.Brand}|{p.WeightKg}|{p.LengthCm}|{p.WidthCm}|" +
        $"{p.HeightCm}|{p.UnitOfMeasure}|{p.UnitsPerPack}|{p.BinLocation}|{p.CreatedAt:O}|{p.UpdatedAt:O}";
}
