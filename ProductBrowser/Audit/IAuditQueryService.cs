namespace ProductBrowser.Audit;

/// <summary>Reads the audit trail, newest first. Admin pages only.</summary>
public interface IAuditQueryService
{
    /// <summary>The latest <paramref name="count"/> events of one product.</summary>
    Task<IReadOnlyList<AuditEvent>> GetProductHistoryAsync(Guid productId, int count, CancellationToken cancellationToken = default);

    /// <summary>One page of the events that match <paramref name="query"/>.</summary>
    Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
