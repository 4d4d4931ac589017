using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProductBrowser.Data;

internal sealed class ProductPackConfiguration : IEntityTypeConfiguration<ProductPack>
{
    public void Configure(EntityTypeBuilder<ProductPack> pack)
    {
        pack.ToTable("product_packs", t =>
        {
            t.HasCheckConstraint("ck_product_packs_gtin14", "gtin ~ '^[1-8][0-9]{13}$'");
            t.HasCheckConstraint("ck_product_packs_quantity_positive", "quantity > 0");
        });

        pack.HasKey(k => k.Id);
        pack.Property(k => k.Id).UseIdentityAlwaysColumn();
        pack.Property(k => k.Gtin).HasMaxLength(14);
        pack.Property(k => k.Level).HasConversion<string>().HasMaxLength(16);
        pack.HasOne(k => k.Product).WithMany(p => p.Packs).HasForeignKey(k => k.ProductId).OnDelete(DeleteBehavior.Cascade);
        pack.HasIndex(k => k.Gtin).IsUnique();
        pack.HasIndex(k => new { k.ProductId, k.Level }).IsUnique();
    }
}
