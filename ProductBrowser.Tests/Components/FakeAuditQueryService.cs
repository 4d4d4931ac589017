using ProductBrowser.Audit;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Components;

/// <summary>Answers with prepared events and remembers what it was asked.</summary>
internal sealed class FakeAuditQueryService(params AuditEvent[] events) : IAuditQueryService
{
    public List<Guid> HistoriesRead { get; } = [];

    public List<AuditQuery> Searches { get; } = [];

    public Task<IReadOnlyList<AuditEvent>> GetProductHistoryAsync(Guid productId, int count, CancellationToken cancellationToken = default)
    {
        HistoriesRead.Add(productId);
        return Task.FromResult<IReadOnlyList<AuditEvent>>([.. events.Where(e => e.ProductId == productId).Take(count)]);
    }

    public Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        Searches.Add(query);
        return Task.FromResult(new AuditPage(events, null, null));
    }

    /// <summary>"changed by admin on 1 Dec 2026, 10:42 UTC: bin A-06-1 → B-02-3".</summary>
    public static AuditEvent BinChangedByAdmin(Guid productId, string sku) => new(
        1, new DateTimeOffset(2026, 12, 1, 10, 42, 0, TimeSpan.Zero), "admin", "web-1", AuditAction.Edit, productId, sku,
        [new FieldChange("bin_location", "A-06-1", "B-02-3")], null);
}
