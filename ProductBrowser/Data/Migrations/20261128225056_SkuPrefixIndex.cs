using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductBrowser.Data.Migrations
{
    /// <inheritdoc />
    public partial class SkuPrefixIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_products_sku_pattern",
                table: "products",
                column: "sku")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_sku_pattern",
                table: "products");
        }
    }
}
