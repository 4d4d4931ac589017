using Microsoft.EntityFrameworkCore;
using ProductBrowser.Audit;

namespace ProductBrowser.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<ProductPack> ProductPacks => Set<ProductPack>();

    /// <summary>The audit trail: inserted by the app and the catalog's triggers, never updated or deleted (decision 14).</summary>
    public DbSet<AuditRecord> AuditEvents => Set<AuditRecord>();

    /// <summary>The one sequence product and category revisions come from (see <see cref="Product.Revision"/>).</summary>
    public const string RevisionSequence = "catalog_revision";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasSequence<long>(RevisionSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
    }
}
