using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductBrowser.Data;

namespace ProductBrowser.Audit;

/// <summary>
/// Reads the audit trail from the primary (never the replica: an admin checking what just happened must see it), newest
/// first by <c>(at, id)</c>, paged by keyset on that pair; every filter has an index that ends in it.
/// </summary>
public sealed class AuditQueryService(IDbContextFactory<CatalogDbContext> dbFactory) : IAuditQueryService
{
    /// <summary>Changed fields in the order the product form shows them; others after these, by name.</summary>
    private static readonly string[] FieldOrder =
    [
        "sku", "gtin", "name", "description", "category_id", "brand", "weight_kg", "length_cm", "width_cm", "height_cm",
        "unit_of_measure", "units_per_pack", "bin_location", "pack_inner", "pack_case", "pack_pallet",
    ];

    public async Task<IReadOnlyList<AuditEvent>> GetProductHistoryAsync(Guid productId, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ProductId == productId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        return await ToEventsAsync(db, records, cancellationToken);
    }

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = await FilterAsync(db, query, cancellationToken);

        List<AuditRecord> records;
        if (query.After is { } after && await EdgeAsync(db, after, cancellationToken) is { } newerThan)
        {
            records = await matching
                .Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(newerThan.At, newerThan.Id)))
                .OrderBy(e => e.At).ThenBy(e => e.Id)
                .Take(AuditQuery.PageSize)
                .ToListAsync(cancellationToken);
            records.Reverse();
            if (records.Count == 0)
            {
                // Nothing newer any more: the newest page.
                return await SearchAsync(query.Newest(), cancellationToken);
            }
        }
        else
        {
            var page = matching;
            if (query.Before is { } before && await EdgeAsync(db, before, cancellationToken) is { } olderThan)
            {
                page = page.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(olderThan.At, olderThan.Id)));
            }

            records = await page
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Take(AuditQuery.PageSize)
                .ToListAsync(cancellationToken);
        }

        long? older = null;
        long? newer = null;
        if (records.Count > 0)
        {
            var (first, last) = (records[0], records[^1]);
            if (await matching.AnyAsync(e => EF.Functions.LessThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(last.At, last.Id)), cancellationToken))
            {
                older = last.Id;
            }

            if (await matching.AnyAsync(e => EF.Functions.GreaterThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(first.At, first.Id)), cancellationToken))
            {
                newer = first.Id;
            }
        }

        return new AuditPage(await ToEventsAsync(db, records, cancellationToken), older, newer);
    }

    private static async Task<IQueryable<AuditRecord>> FilterAsync(CatalogDbContext db, AuditQuery query, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Sku))
        {
            // Normalized by the caller (SkuNormalizer.Canonical: a scanned label reads as its code).
            var sku = query.Sku.Trim().ToUpperInvariant();
            // Events from before a SKU change carry the old SKU: the product that has this SKU now brings them too.
            var productId = await db.Products.Where(p => p.Sku == sku).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
            events = productId is { } id
                ? events.Where(e => e.Sku == sku || e.ProductId == id)
                : events.Where(e => e.Sku == sku);
        }

        if (query.OutsideOnly)
        {
            events = events.Where(e => e.Actor == null);
        }
        else if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            events = events.Where(e => e.Actor == actor);
        }

        if (query.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            var start = StartOfDay(from);
            events = events.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1));
            events = events.Where(e => e.At < end);
        }

        return events;
    }

    private static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private sealed record Edge(DateTimeOffset At, long Id);

    private static Task<Edge?> EdgeAsync(CatalogDbContext db, long id, CancellationToken cancellationToken) =>
        db.AuditEvents.Where(e => e.Id == id).Select(e => new Edge(e.At, e.Id)).FirstOrDefaultAsync(cancellationToken);

    private static async Task<IReadOnlyList<AuditEvent>> ToEventsAsync(CatalogDbContext db, List<AuditRecord> records, CancellationToken cancellationToken)
    {
        var changes = records.ToDictionary(r => r.Id, r => ParseChanges(r.Changes));
        var categoryIds = changes.Values.SelectMany(c => c)
            .Where(c => c.Field == "category_id")
            .SelectMany(c => new[] { c.Old, c.New })
            .Select(value => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>()
            .Distinct()
            .ToList();
        var categories = categoryIds.Count == 0
            ? new Dictionary<int, string>()
            : await db.Categories.Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        return
        [
            .. records.Select(r => new AuditEvent(
                r.Id, r.At, r.Actor, r.Instance, r.Action, r.ProductId, r.Sku,
                [.. changes[r.Id].Select(c => c.Field == "category_id" ? c with { Old = CategoryName(c.Old), New = CategoryName(c.New) } : c)],
                r.Detail)),
        ];

        string? CategoryName(string? id) =>
            id is not null && int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && categories.TryGetValue(value, out var name)
                ? name
                : id;
    }

    /// <summary><c>{"bin_location": {"old": "A-06-1", "new": "B-02-3"}}</c> as field changes, in the form's order.</summary>
    internal static IReadOnlyList<FieldChange> ParseChanges(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var changes = new List<FieldChange>();
        foreach (var field in document.RootElement.EnumerateObject())
        {
            changes.Add(new FieldChange(field.Name, Text(field.Value, "old"), Text(field.Value, "new")));
        }

        return
        [
            .. changes.OrderBy(c => Array.IndexOf(FieldOrder, c.Field) is var index and >= 0 ? index : FieldOrder.Length)
                .ThenBy(c => c.Field, StringComparer.Ordinal),
        ];

        static string? Text(JsonElement change, string side) =>
            change.ValueKind != JsonValueKind.Object || !change.TryGetProperty(side, out var value)
                ? null
                : value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => value.GetString(),
                    _ => value.GetRawText(),
                };
    }
}
