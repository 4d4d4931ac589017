using System.Globalization;
using ProductBrowser.Audit;
using ProductBrowser.Components.Products;
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Audit;

/// <summary>
/// How audit events read to people: "changed by admin on 1 Dec 2026, 10:42 UTC: bin A-06-1 → B-02-3". Field names as
/// the product page labels them, values formatted as it shows them, times in UTC.
/// </summary>
public static class AuditFormat
{
    private const int LongValue = 60;

    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["sku"] = "SKU",
        ["gtin"] = "barcode",
        ["category_id"] = "category",
        ["weight_kg"] = "weight",
        ["length_cm"] = "length",
        ["width_cm"] = "width",
        ["height_cm"] = "height",
        ["unit_of_measure"] = "unit",
        ["bin_location"] = "bin",
        ["pack_inner"] = "inner pack",
        ["pack_case"] = "case pack",
        ["pack_pallet"] = "pallet pack",
        ["created_at"] = "created",
    };

    /// <summary>"changed by admin on 1 Dec 2026, 10:42 UTC", then what changed, if anything says so.</summary>
    public static string Sentence(AuditEvent e) => What(e) is { Length: > 0 } what ? $"{Headline(e)}: {what}" : Headline(e);

    /// <summary>"changed by admin on 1 Dec 2026, 10:42 UTC", "created outside the app on …".</summary>
    public static string Headline(AuditEvent e) => $"{Verb(e.Action)} {Who(e)} on {ProductFormat.Timestamp(e.At)}";

    /// <summary>"by admin", or "outside the app" for a write the app did not make.</summary>
    public static string Who(AuditEvent e) => e.Actor is { } actor ? $"by {actor}" : "outside the app";

    /// <summary>The changed fields ("bin A-06-1 → B-02-3, weight 650 g → 700 g"), or the event's detail.</summary>
    public static string What(AuditEvent e) => e.Action switch
    {
        // A delete keeps every value it removed; the product's name says which it was.
        AuditAction.Create or AuditAction.Delete => e.Detail is null ? "" : $"“{e.Detail}”",
        _ when e.Changes.Count > 0 => string.Join(", ", e.Changes.Select(Change)),
        _ => e.Detail ?? "",
    };

    /// <summary>"bin A-06-1 → B-02-3"; a value that was not there is "—".</summary>
    public static string Change(FieldChange change) =>
        $"{FieldName(change.Field)} {Value(change.Field, change.Old)} → {Value(change.Field, change.New)}";

    public static string FieldName(string field) => FieldNames.GetValueOrDefault(field) ?? field.Replace('_', ' ');

    /// <summary>What the action is called in lists and filters.</summary>
    public static string ActionName(AuditAction action) => action switch
    {
        AuditAction.Create => "Created",
        AuditAction.Edit => "Changed",
        AuditAction.Delete => "Deleted",
        AuditAction.Evict => "Evicted from the cache",
        AuditAction.Warm => "Cache warmed",
        AuditAction.Flush => "Cache flushed",
        AuditAction.ResetCounters => "Cache counters reset",
        _ => action.ToString(),
    };

    private static string Verb(AuditAction action) => action switch
    {
        AuditAction.Create => "created",
        AuditAction.Edit => "changed",
        AuditAction.Delete => "deleted",
        AuditAction.Evict => "evicted from the cache",
        AuditAction.Warm => "cache warmed",
        AuditAction.Flush => "cache flushed",
        AuditAction.ResetCounters => "cache counters reset",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Value(string field, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        return field switch
        {
            "weight_kg" when Number(value) is { } kg => ProductFormat.Weight(kg),
            "length_cm" or "width_cm" or "height_cm" when Number(value) is { } cm => string.Create(CultureInfo.InvariantCulture, $"{cm:0.#} cm"),
            "created_at" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) => ProductFormat.Timestamp(at),
            _ when value.Length > LongValue => value[..LongValue] + "…",
            _ => value,
        };

        static decimal? Number(string text) =>
            decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
