using ProductBrowser.Domain;

namespace ProductBrowser.Data;

/// <summary>
/// A row of <c>audit_events</c> as EF maps it. The app only ever inserts these (the table refuses UPDATE and DELETE);
/// pages get audit events (<c>Audit.AuditEvent</c>).
/// </summary>
public class AuditRecord
{
    public long Id { get; set; }

    /// <summary>When it was recorded (<c>clock_timestamp()</c> in the writing transaction).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The signed-in user who did it; null for a write from outside the app.</summary>
    public string? Actor { get; set; }

    /// <summary>The app instance it was done on (<c>Instance:Name</c>, else the host name); null from outside the app.</summary>
    public string? Instance { get; set; }

    public AuditAction Action { get; set; }

    public Guid? ProductId { get; set; }

    /// <summary>The product's SKU when it happened.</summary>
    public string? Sku { get; set; }

    /// <summary>JSON: the changed fields by column name, each <c>{"old": …, "new": …}</c>.</summary>
    public string? Changes { get; set; }

    /// <summary>What else says what happened: the product's name on create or delete, how many on a warm or flush.</summary>
    public string? Detail { get; set; }
}
