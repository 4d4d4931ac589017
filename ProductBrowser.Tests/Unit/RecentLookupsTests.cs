using ProductBrowser.Components.Lookup;

namespace ProductBrowser.Tests.Unit;

public sealed class RecentLookupsTests
{
    [Fact]
    public void NewestComesFirstWithoutRepeatsAndTheListIsBounded()
    {
        IReadOnlyList<RecentLookup> recent = [];
        for (var i = 1; i <= 12; i++)
        {
            recent = RecentLookups.Add(recent, new RecentLookup($"SKU-{i}", $"Item {i}"));
        }

        recent = RecentLookups.Add(recent, new RecentLookup("SKU-8", "Item 8"));

        Assert.Equal(RecentLookups.Capacity, recent.Count);
        Assert.Equal("SKU-8", recent[0].Sku);
        Assert.Single(recent, r => r.Sku == "SKU-8");
        Assert.Equal("SKU-12", recent[1].Sku);
    }
}
