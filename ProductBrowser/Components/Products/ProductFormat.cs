using System.Globalization;
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Products;

/// <summary>How product values read to people: units, separators, dates in UTC.</summary>
public static class ProductFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Weight(decimal kg) => kg < 1m
        ? string.Create(Culture, $"{kg * 1000m:0.#} g")
        : string.Create(Culture, $"{kg:#,0.###} kg");

    public static string Dimensions(decimal lengthCm, decimal widthCm, decimal heightCm) =>
        string.Create(Culture, $"{lengthCm:0.#} × {widthCm:0.#} × {heightCm:0.#} cm");

    public static string Volume(decimal lengthCm, decimal widthCm, decimal heightCm)
    {
        var litres = lengthCm * widthCm * heightCm / 1000m;
        return litres < 1m
            ? string.Create(Culture, $"{litres * 1000m:#,0} cm³")
            : string.Create(Culture, $"{litres:#,0.#} L");
    }

    public static string Unit(UnitOfMeasure unit, int unitsPerPack) => unit switch
    {
        UnitOfMeasure.Each => "Each (single item)",
        UnitOfMeasure.Roll => "Roll",
        UnitOfMeasure.Meter => "Metre",
        _ => string.Create(Culture, $"{unit} of {unitsPerPack}"),
    };

    /// <summary>"Case of 12": a pack level and the base units it holds.</summary>
    public static string Pack(PackLevel level, int quantity) =>
        string.Create(Culture, $"{level} of {quantity:#,0}");

    public static string Count(int value) => value.ToString("#,0", Culture);

    /// <summary>A calendar date as labels print it, "31 Dec 2026" (invariant month names: ICU's en-GB has "Sept").</summary>
    public static string Date(DateOnly value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", Culture);

    public static string Milliseconds(double? ms) => ms switch
    {
        null => "—",
        < 10 => string.Create(Culture, $"{ms:0.00} ms"),
        _ => string.Create(Culture, $"{ms:#,0.0} ms"),
    };

    public static string TimeLeft(TimeSpan? ttl) => ttl switch
    {
        null => "—",
        { TotalSeconds: < 1 } => "expiring",
        { TotalHours: >= 1 } t => string.Create(Culture, $"{(int)t.TotalHours} h {t.Minutes} min"),
        { TotalMinutes: >= 1 } t => string.Create(Culture, $"{t.Minutes} min {t.Seconds} s"),
        var t => string.Create(Culture, $"{t.Value.Seconds} s"),
    };
}
