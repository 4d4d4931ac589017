using System.Globalization;
using ProductBrowser.Domain;

namespace ProductBrowser.Data.Seeding;

/// <summary>
/// Generates the demo catalog. Product number n (1-based) is a pure function of (seed, n): its id is
/// <c>20000000-0000-0000-0000-{n:D12}</c>, so <c>20000000-0000-0000-0000-000000000001</c> is always the first product.
/// </summary>
public sealed class DemoCatalogGenerator(int seed)
{
    private static readonly DateTimeOffset Epoch = new(2022, 1, 3, 6, 0, 0, TimeSpan.Zero);
    private static readonly int[] PackSizes = [5, 10, 12, 20, 25, 50, 100];
    private static readonly int[] CaseSizes = [6, 12, 24, 48];
    private static readonly int[] PalletSizes = [20, 40, 60];

    public const long MaxProductNumber = 999_999_999_999;

    public static IReadOnlyList<Category> Categories { get; } =
        [.. DemoCatalogVocabulary.Categories.Select(c => new Category { Id = c.Id, Code = c.Code, Name = c.Name })];

    public static Guid IdFor(long productNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(productNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(productNumber, MaxProductNumber);
        return Guid.ParseExact($"20000000-0000-0000-0000-{productNumber:D12}", "D");
    }

    public IEnumerable<Product> Generate(long firstNumber, long lastNumber)
    {
        for (var n = firstNumber; n <= lastNumber; n++)
        {
            yield return Create(n);
        }
    }

    public Product Create(long productNumber)
    {
        var random = DeterministicRandom.For(seed, productNumber);
        var category = random.Pick(DemoCatalogVocabulary.Categories);
        var item = random.Pick(category.Items);
        var brand = random.Pick(DemoCatalogVocabulary.Brands);
        var grade = random.Pick(DemoCatalogVocabulary.Grades);
        var finish = random.Pick(DemoCatalogVocabulary.Finishes);
        var use = random.Pick(category.Uses);
        var feature = random.Pick(DemoCatalogVocabulary.Features);
        var unit = random.Pick(category.Units);
        var unitsPerPack = unit switch
        {
            UnitOfMeasure.Pack => random.Pick(PackSizes),
            UnitOfMeasure.Case => random.Pick(CaseSizes),
            UnitOfMeasure.Pallet => random.Pick(PalletSizes),
            _ => 1,
        };

        // Models of one item type differ by up to ±30 % in weight; a pack or case weighs its units together.
        var unitWeight = item.UnitWeightKg * (decimal)(0.7 + random.NextDouble() * 0.6);
        var weight = Math.Max(0.001m, Math.Round(unitWeight * unitsPerPack, 3));
        var (length, width, height) = Dimensions(ref random, weight);

        var created = Epoch.AddMinutes(random.Next(0, 1_000 * 24 * 60));
        var updated = created.AddMinutes(random.Next(0, 200 * 24 * 60));

        return new Product
        {
            Id = IdFor(productNumber),
            Sku = string.Create(CultureInfo.InvariantCulture, $"{category.Code}-{productNumber:D7}"),
            Gtin = Gtin13(productNumber),
            Name = $"{brand} {grade} {item.Name}, {finish}" + NameSuffix(unit, unitsPerPack),
            Description = $"{item.Name} in {grade.ToLowerInvariant()} grade for {use}. {feature}. " + PackText(unit, unitsPerPack),
            CategoryId = category.Id,
            Brand = brand,
            WeightKg = weight,
            LengthCm = length,
            WidthCm = width,
            HeightCm = height,
            UnitOfMeasure = unit,
            UnitsPerPack = unitsPerPack,
            BinLocation = string.Create(CultureInfo.InvariantCulture,
                $"{(char)('A' + random.Next(20))}-{random.Next(1, 49):D2}-{random.Next(1, 7)}"),
            CreatedAt = created,
            UpdatedAt = updated,
            Packs = PacksFor(productNumber, IdFor(productNumber), unit),
        };
    }

    private static (decimal Length, decimal Width, decimal Height) Dimensions(ref DeterministicRandom random, decimal weightKg)
    {
        // Density between 150 and 900 kg/m³ gives boxes of plausible size for their weight.
        var density = 150 + random.NextDouble() * 750;
        var volumeCm3 = (double)weightKg / density * 1_000_000;
        var side = Math.Cbrt(volumeCm3);
        var length = side * (1.2 + random.NextDouble());
        var width = side * (0.6 + random.NextDouble() * 0.6);
        var height = volumeCm3 / (length * width);
        return (Round(length), Round(width), Round(height));

        static decimal Round(double cm) => Math.Max(0.5m, Math.Round((decimal)cm, 1));
    }

    private static string NameSuffix(UnitOfMeasure unit, int unitsPerPack) => unit switch
    {
        UnitOfMeasure.Pack or UnitOfMeasure.Case or UnitOfMeasure.Pallet =>
            string.Create(CultureInfo.InvariantCulture, $" ({unit.ToString().ToLowerInvariant()} of {unitsPerPack})"),
        _ => "",
    };

    private static string PackText(UnitOfMeasure unit, int unitsPerPack) => unit switch
    {
        UnitOfMeasure.Each => "Sold individually.",
        UnitOfMeasure.Roll => "Supplied on a roll.",
        UnitOfMeasure.Meter => "Sold by the metre.",
        _ => string.Create(CultureInfo.InvariantCulture, $"Supplied per {unit.ToString().ToLowerInvariant()} of {unitsPerPack}."),
    };

    /// <summary>A GTIN-13 with a valid check digit, unique per product number.</summary>
    internal static string Gtin13(long productNumber) =>
        WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"40{productNumber % 10_000_000_000:D10}"));

    /// <summary>
    /// Every third single item comes in cases (of 6, 12 or 24) and every sixth also on pallets (of 20 to 60 cases),
    /// each with a GTIN-14: the pack's indicator digit (1 case, 5 pallet) before the item's GTIN-13 without its check
    /// digit, and a check digit of its own, as GS1 allocates them.
    /// </summary>
    internal static List<ProductPack> PacksFor(long productNumber, Guid productId, UnitOfMeasure unit)
    {
        if (unit != UnitOfMeasure.Each || productNumber % 3 != 0)
        {
            return [];
        }

        var item = Gtin13(productNumber)[..12];
        var perCase = CasePackSizes[(int)(productNumber / 3 % CasePackSizes.Length)];
        List<ProductPack> packs = [new() { ProductId = productId, Level = PackLevel.Case, Gtin = WithCheckDigit("1" + item), Quantity = perCase }];
        if (productNumber % 6 == 0)
        {
            var cases = 20 + (int)(productNumber / 6 % 5) * 10;
            packs.Add(new() { ProductId = productId, Level = PackLevel.Pallet, Gtin = WithCheckDigit("5" + item), Quantity = perCase * cases });
        }

        return packs;
    }

    private static readonly int[] CasePackSizes = [12, 6, 24];

    /// <summary>The GS1 mod-10 check digit appended: weights 3 and 1 from the right.</summary>
    private static string WithCheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }

        return body + (char)('0' + (10 - sum % 10) % 10);
    }
}
