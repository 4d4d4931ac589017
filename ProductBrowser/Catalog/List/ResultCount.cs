using System.Globalization;

namespace ProductBrowser.Catalog.List;

public enum CountKind
{
    Exact,

    /// <summary>Counting stopped at <see cref="ResultCount.Value"/>: there are at least that many.</summary>
    AtLeast,

    /// <summary>PostgreSQL's statistics, not a count.</summary>
    Estimate,
}

/// <summary>How many products match: exact when that is cheap, otherwise honest about being a bound or estimate.</summary>
public sealed record ResultCount(long Value, CountKind Kind)
{
    public string Describe(string noun = "products") => Kind switch
    {
        CountKind.Exact => string.Create(CultureInfo.InvariantCulture, $"{Value:N0} {noun}"),
        CountKind.AtLeast => string.Create(CultureInfo.InvariantCulture, $"more than {Value:N0} {noun}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"about {Round(Value):N0} {noun}"),
    };

    private static long Round(long value) => value switch
    {
        < 1_000 => value,
        < 100_000 => value / 100 * 100,
        _ => value / 1_000 * 1_000,
    };
}
