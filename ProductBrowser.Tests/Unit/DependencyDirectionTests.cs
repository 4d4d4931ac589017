using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace ProductBrowser.Tests.Unit;

/// <summary>
/// The app's parts depend on each other in one direction only: Components → Admin → Catalog → Audit, Caching, Data →
/// Domain, with Diagnostics observing from the side (only the pages and the composition root call into it). Read from
/// the built assembly's IL, so a type used only inside a method body counts too.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>Each part (a namespace and, unless listed as a part of its own, its children) and the parts it may use.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Domain"] = [],
        ["Data"] = ["Domain"],
        ["Data.Seeding"] = ["Data", "Domain", "Audit"],
        ["Caching"] = ["Domain"],
        ["ScaleOut"] = ["Caching"],
        ["Accounts"] = [],
        ["Audit"] = ["Data", "Domain", "ScaleOut"],
        ["Catalog"] = ["Accounts", "Audit", "Caching", "Data", "Domain", "ScaleOut"],
        ["Admin"] = ["Audit", "Caching", "Catalog", "Data", "Domain"],
        ["Diagnostics"] = ["Accounts", "Audit", "Caching", "Catalog", "Data", "Domain", "ScaleOut"],
        ["Components"] = ["Accounts", "Admin", "Audit", "Catalog", "Diagnostics", "Domain", "ScaleOut"],
    };

    public static TheoryData<string> Parts => [.. MayUse.Keys];

    [Theory]
    [MemberData(nameof(Parts))]
    public void APartUsesOnlyThePartsBelowIt(string part)
    {
        var forbidden = MayUse.Keys
            .Where(other => other != part && !MayUse[part].Contains(other) && !IsInside(other, part))
            .Select(other => $"ProductBrowser.{other}")
            .ToArray();

        var result = TypesOf(part).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.SelectedTypesForTesting.Any(), $"No types found in {part}: the table above is out of date.");
        Assert.True(result.IsSuccessful, $"{part} may use only {string.Join(", ", MayUse[part].DefaultIfEmpty("nothing else"))}; these types use more:\n"
            + string.Join("\n", (result.FailingTypes ?? []).Select(type => $"  {type.FullName}: {type.Explanation}")));
    }

    [Fact]
    public void OnlyCachingHoldsTheRedisConnection()
    {
        // One road to Redis: everything else goes through RedisGateway (its breaker, its failure rule, its telemetry).
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespaceMatching(@"^ProductBrowser(\.(?!Caching(\.|$)).+)?$")
            .ShouldNot().HaveDependencyOnAny("StackExchange.Redis.IConnectionMultiplexer", "StackExchange.Redis.ConnectionMultiplexer", "StackExchange.Redis.ISubscriber")
            .GetResult();

        Assert.True(result.IsSuccessful, "Outside Caching, these types talk to Redis around the gateway:\n"
            + string.Join("\n", (result.FailingTypes ?? []).Select(type => $"  {type.FullName}")));
    }

    [Fact]
    public void EveryPartOfTheAppIsInTheTable()
    {
        var parts = typeof(Program).Assembly.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("ProductBrowser.", StringComparison.Ordinal))
            .Select(ns => ns["ProductBrowser.".Length..])
            .Where(ns => !MayUse.Keys.Any(part => IsInside(ns, part) || ns == part))
            .Distinct()
            .ToList();

        Assert.Empty(parts);
    }

    private static PredicateList TypesOf(string part)
    {
        // The part's namespace and its children, except children that are parts of their own (Data.Seeding within Data).
        var own = MayUse.Keys.Where(other => IsInside(other, part)).Select(other => Regex.Escape(other[(part.Length + 1)..])).ToList();
        var exclude = own.Count == 0 ? "" : $"(?!\\.(?:{string.Join("|", own)})(?:\\.|$))";
        return Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespaceMatching($"^ProductBrowser\\.{Regex.Escape(part)}{exclude}(\\..+)?$");
    }

    private static bool IsInside(string inner, string outer) => inner.StartsWith(outer + ".", StringComparison.Ordinal);
}
