using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductBrowser.Domain;

namespace ProductBrowser.Data;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public const string Table = "audit_events";

    public void Configure(EntityTypeBuilder<AuditRecord> audit)
    {
        audit.ToTable(Table, t => t.HasCheckConstraint("ck_audit_events_action", $"action IN ({AuditActions.SqlList})"));
        audit.HasKey(e => e.Id);
        audit.Property(e => e.Id).UseIdentityAlwaysColumn();
        audit.Property(e => e.At).HasDefaultValueSql("clock_timestamp()");
        audit.Property(e => e.Actor).HasMaxLength(256);
        audit.Property(e => e.Instance).HasMaxLength(256);
        audit.Property(e => e.Action).HasMaxLength(32)
            .HasConversion(action => AuditActions.Name(action), name => AuditActions.Parse(name));
        audit.Property(e => e.Sku).HasMaxLength(Data.ProductConfiguration.SkuMaxLength);
        audit.Property(e => e.Changes).HasColumnType("jsonb");

        // Every list is newest first by (at, id) and pages by keyset on it; one index per filter.
        audit.HasIndex(e => new { e.At, e.Id });
        audit.HasIndex(e => new { e.ProductId, e.At, e.Id });
        audit.HasIndex(e => new { e.Sku, e.At, e.Id });
        audit.HasIndex(e => new { e.Actor, e.At, e.Id });
        audit.HasIndex(e => new { e.Action, e.At, e.Id });
    }
}
