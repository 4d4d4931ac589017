using ProductBrowser.Domain;

namespace ProductBrowser.Audit;

/// <summary>One thing that happened to the catalog or its cache, as the audit trail shows it.</summary>
public sealed record AuditEvent(
    long Id,
    DateTimeOffset At,
    string? Actor,
    string? Instance,
    AuditAction Action,
    Guid? ProductId,
    string? Sku,
    IReadOnlyList<FieldChange> Changes,
    string? Detail)
{
    /// <summary>Written by someone outside the app (psql, an import job): the triggers saw no signed-in user.</summary>
    public bool IsOutsideTheApp => Actor is null;
}

/// <summary>
/// One changed field: its column name and the values before and after, as text (numbers as PostgreSQL wrote them,
/// category ids as names); null where there was no value.
/// </summary>
public sealed record FieldChange(string Field, string? Old, string? New);
