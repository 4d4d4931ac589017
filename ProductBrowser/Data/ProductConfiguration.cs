using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductBrowser.Domain;

namespace ProductBrowser.Data;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public const int SkuMaxLength = 40;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>
    /// Generated column the free-text search runs on: SKU, barcode, name and description, lower-cased once on write so
    /// a search is a plain <c>LIKE '%fragment%'</c> (cheaper per row than ILIKE), with a trigram GIN index for rare
    /// fragments. Read-only to EF.
    /// </summary>
    public const string SearchTextColumn = "SearchText";

    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.ToTable("products", t =>
        {
            t.HasCheckConstraint("ck_products_sku_upper", "sku = upper(sku)");
            t.HasCheckConstraint("ck_products_weight_positive", "weight_kg > 0");
            t.HasCheckConstraint("ck_products_dimensions_positive", "length_cm > 0 AND width_cm > 0 AND height_cm > 0");
            t.HasCheckConstraint("ck_products_units_per_pack_positive", "units_per_pack > 0");
        });

        product.HasKey(p => p.Id);
        product.Property(p => p.Id).ValueGeneratedNever();
        product.Property(p => p.Sku).HasMaxLength(SkuMaxLength);
        product.Property(p => p.Gtin).HasMaxLength(14);
        product.Property(p => p.Name).HasMaxLength(NameMaxLength);
        product.Property(p => p.Description).HasMaxLength(DescriptionMaxLength);
        product.Property(p => p.Brand).HasMaxLength(100);
        product.Property(p => p.BinLocation).HasMaxLength(20);
        product.Property(p => p.WeightKg).HasPrecision(10, 3);
        product.Property(p => p.LengthCm).HasPrecision(8, 1);
        product.Property(p => p.WidthCm).HasPrecision(8, 1);
        product.Property(p => p.HeightCm).HasPrecision(8, 1);
        product.Property(p => p.UnitOfMeasure).HasConversion<string>().HasMaxLength(16);
        product.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        product.Property(p => p.UpdatedAt).HasDefaultValueSql("now()");
        product.Property(p => p.Version).IsRowVersion();
        product.Property(p => p.Revision).HasDefaultValueSql($"nextval('{CatalogDbContext.RevisionSequence}')").ValueGeneratedOnAddOrUpdate();

        product.HasOne(p => p.Category).WithMany(c => c.Products).HasForeignKey(p => p.CategoryId)
            .OnDelete(DeleteBehavior.Restrict);

        product.HasIndex(p => p.Sku).IsUnique();
        // Prefix suggestions (LIKE 'ABC%') need pattern ordering whatever the database collation is.
        product.HasIndex(p => p.Sku, "ix_products_sku_pattern").HasDatabaseName("ix_products_sku_pattern").HasOperators("varchar_pattern_ops");
        product.HasIndex(p => p.Gtin).IsUnique().HasFilter("gtin IS NOT NULL");
        product.Property<string>(SearchTextColumn)
            .HasComputedColumnSql("lower(sku || ' ' || coalesce(gtin, '') || ' ' || name || ' ' || description)", stored: true);
        product.HasIndex(SearchTextColumn).HasMethod("gin").HasOperators("gin_trgm_ops");

        // One index per sort order (keyset paging seeks on them); category also serves the category filter.
        product.HasIndex(p => new { p.Name, p.Id });
        product.HasIndex(p => new { p.CategoryId, p.Name, p.Id });
        product.HasIndex(p => new { p.WeightKg, p.Id });
        product.HasIndex(p => new { p.UpdatedAt, p.Id });
    }
}
