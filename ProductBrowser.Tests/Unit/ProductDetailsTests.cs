using System.Reflection;
using ProductBrowser.Catalog;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Unit;

public sealed class ProductDetailsTests
{
    private static ProductDetails Sample(IReadOnlyList<ProductPackDetails>? packs = null) => new(
        Guid.Parse("20000000-0000-0000-0000-000000000042"), "PKG-0000042", "4000000000426", "Box", "A box", 3, "Packaging",
        "Stanmore", 1.5m, 30m, 20m, 10m, UnitOfMeasure.Each, 1, "A-01-1",
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), 7, 42,
        packs ?? [new ProductPackDetails(PackLevel.Case, "14000000004267", 12)]);

    [Fact]
    public void TwoReadsOfTheSameProductAreEqualPacksIncluded()
    {
        Assert.Equal(Sample(), Sample());
        Assert.Equal(Sample().GetHashCode(), Sample().GetHashCode());
    }

    [Fact]
    public void DifferentPacksMakeDifferentDetails() =>
        Assert.NotEqual(Sample(), Sample([new ProductPackDetails(PackLevel.Case, "14000000004267", 24)]));

    [Fact]
    public void EveryConstructorValueTakesPartInEquality()
    {
        var constructor = typeof(ProductDetails).GetConstructors().Single(c => c.GetParameters().Length > 1);
        var sample = Sample();
        var values = constructor.GetParameters()
            .Select(p => typeof(ProductDetails).GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance)!.GetValue(sample))
            .ToArray();

        foreach (var (parameter, index) in constructor.GetParameters().Select((p, i) => (p, i)))
        {
            var changed = (object?[])values.Clone();
            changed[index] = Different(parameter.ParameterType, values[index]);
            var other = (ProductDetails)constructor.Invoke(changed);

            Assert.False(sample.Equals(other), $"{parameter.Name} does not take part in ProductDetails equality");
        }
    }

    private static object Different(Type type, object? value) => value switch
    {
        Guid => Guid.NewGuid(),
        string s => s + "x",
        int i => i + 1,
        long l => l + 1,
        uint u => u + 1,
        decimal d => d + 1,
        DateTimeOffset t => t.AddMinutes(1),
        UnitOfMeasure u => u == UnitOfMeasure.Each ? UnitOfMeasure.Case : UnitOfMeasure.Each,
        IReadOnlyList<ProductPackDetails> => new List<ProductPackDetails>(),
        _ => throw new InvalidOperationException($"No different value for {type}: extend the test."),
    };
}
