namespace ProductBrowser.Data.Seeding;

/// <summary>
/// What the generator knows about one category: the items it holds and the weight range of a single unit (a pack,
/// case or pallet weighs its units together).
/// </summary>
internal sealed record DemoCategory(
    int Id,
    string Code,
    string Name,
    string[] Items,
    string[] Uses,
    decimal MinUnitWeightKg,
    decimal MaxUnitWeightKg,
    UnitOfMeasure[] Units);
