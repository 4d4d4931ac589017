using ProductBrowser.Domain;

namespace ProductBrowser.Audit;

/// <summary>
/// Filters over the audit trail (each optional) and a keyset position: <see cref="Before"/> pages to older events,
/// <see cref="After"/> to newer ones, neither is the newest page.
/// </summary>
public sealed record AuditQuery
{
    public const int PageSize = 50;

    /// <summary>Events of the product with this SKU now, and every event recorded under this SKU.</summary>
    public string? Sku { get; init; }

    /// <summary>Events by this user (exact user name).</summary>
    public string? Actor { get; init; }

    /// <summary>Only writes from outside the app.</summary>
    public bool OutsideOnly { get; init; }

    public AuditAction? Action { get; init; }

    /// <summary>From the start of this day (UTC).</summary>
    public DateOnly? From { get; init; }

    /// <summary>To the end of this day (UTC).</summary>
    public DateOnly? To { get; init; }

    /// <summary>The events older than this event's id.</summary>
    public long? Before { get; init; }

    /// <summary>The events newer than this event's id.</summary>
    public long? After { get; init; }

    /// <summary>The same filters, on the newest page.</summary>
    public AuditQuery Newest() => this with { Before = null, After = null };

    public bool IsFiltered => Sku is not null || Actor is not null || OutsideOnly || Action is not null || From is not null || To is not null;
}

/// <summary>One page of events, newest first, with the cursors to the pages beside it (null where there is none).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, long? OlderThan, long? NewerThan);
