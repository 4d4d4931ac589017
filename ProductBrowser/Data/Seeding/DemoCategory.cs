namespace ProductBrowser.Data.Seeding;

/// <summary>What the generator knows about one category: the items it holds and how heavy and big they are.</summary>
internal sealed record DemoCategory(
    int Id,
    string Code,
    string Name,
    string[] Items,
    string[] Uses,
    decimal MinWeightKg,
    decimal MaxWeightKg,
    UnitOfMeasure[] Units);
