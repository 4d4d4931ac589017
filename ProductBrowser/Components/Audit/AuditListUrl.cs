using System.Globalization;
using ProductBrowser.Audit;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Audit;

/// <summary>
/// The audit page's filters and position in its URL, both ways. Every parameter is optional and forgiving: a bad date or
/// an unknown action is left out, never an error, so a hand-edited link still shows a page.
/// </summary>
public static class AuditListUrl
{
    public const string Path = "/admin/audit";

    private const string DateFormat = "yyyy-MM-dd";

    public sealed record Parameters(
        string? Sku, string? Actor, string? Outside, string? Action, string? From, string? To, string? Before, string? After);

    public static AuditQuery Parse(Parameters p) => new()
    {
        Sku = SkuNormalizer.Canonical(p.Sku),
        Actor = Text(p.Actor),
        OutsideOnly = p.Outside is "1" or "true",
        Action = AuditActions.TryParse(p.Action),
        From = Date(p.From),
        To = Date(p.To),
        Before = Id(p.Before),
        After = Id(p.After),
    };

    /// <summary>The page's URL for a query; what is not set is left out, so links stay short.</summary>
    public static string For(AuditQuery query)
    {
        var parameters = new (string Name, string? Value)[]
        {
            ("sku", query.Sku),
            ("actor", query.OutsideOnly ? null : query.Actor),
            ("outside", query.OutsideOnly ? "1" : null),
            ("action", query.Action is { } action ? AuditActions.Name(action) : null),
            ("from", query.From?.ToString(DateFormat, CultureInfo.InvariantCulture)),
            ("to", query.To?.ToString(DateFormat, CultureInfo.InvariantCulture)),
            ("before", query.Before?.ToString(CultureInfo.InvariantCulture)),
            ("after", query.After?.ToString(CultureInfo.InvariantCulture)),
        };
        var set = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? Path : $"{Path}?{string.Join('&', set)}";
    }

    /// <summary>A date as the URL and a date input hold it: <c>2026-12-01</c>.</summary>
    public static string? DateText(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 256)];

    private static long? Id(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
