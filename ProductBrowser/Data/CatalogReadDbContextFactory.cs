using Microsoft.EntityFrameworkCore;

namespace ProductBrowser.Data;

/// <summary>
/// Short-lived contexts for catalog reads (product details on a cache miss, list and search, SKU lookups,
/// categories): on the read replica when <c>ConnectionStrings:CatalogReplica</c> is set, otherwise on the
/// primary's pool. Writes, migrations, seeding, the change feed and related-product lists use <see cref="IDbContextFactory{CatalogDbContext}"/>,
/// which is always the primary.
/// </summary>
public sealed class CatalogReadDbContextFactory(IDbContextFactory<CatalogDbContext> contexts, bool isReplica)
    : IDbContextFactory<CatalogDbContext>
{
    /// <summary>True when reads go to a replica, which may lag the primary.</summary>
    public bool IsReplica { get; } = isReplica;

    public CatalogDbContext CreateDbContext() => contexts.CreateDbContext();

    public Task<CatalogDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        contexts.CreateDbContextAsync(cancellationToken);
}
