using ProductBrowser.Domain;

namespace ProductBrowser.Data.Seeding;

/// <summary>What the generator knows about one category: the items it holds and the uses it names.</summary>
internal sealed record DemoCategory(
    int Id,
    string Code,
    string Name,
    DemoItem[] Items,
    string[] Uses,
    UnitOfMeasure[] Units);

/// <summary>An item type and the typical weight of one unit of it; products vary around that weight.</summary>
internal sealed record DemoItem(string Name, decimal UnitWeightKg);
