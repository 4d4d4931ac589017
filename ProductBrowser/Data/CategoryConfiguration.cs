using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProductBrowser.Data;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.ToTable("categories");
        category.HasKey(c => c.Id);
        category.Property(c => c.Id).ValueGeneratedNever();
        category.Property(c => c.Code).HasMaxLength(3);
        category.Property(c => c.Name).HasMaxLength(100);
        category.Property(c => c.Revision).HasDefaultValueSql($"nextval('{CatalogDbContext.RevisionSequence}')").ValueGeneratedOnAddOrUpdate();
        category.HasIndex(c => c.Code).IsUnique();
        category.HasIndex(c => c.Name).IsUnique();
    }
}
