using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductBrowser.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogSearchAndSorting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_category_id_id",
                table: "products");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "products",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(sku || ' ' || coalesce(gtin, '') || ' ' || name || ' ' || description)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_products_category_id_name_id",
                table: "products",
                columns: new[] { "category_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_search_text",
                table: "products",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // Pattern searches are estimated from this column's histogram: 1 000 buckets instead of 100 let the planner
            // tell a common word (walk the name index) from a rare one (use the trigram index).
            migrationBuilder.Sql("ALTER TABLE products ALTER COLUMN search_text SET STATISTICS 1000;");

            migrationBuilder.CreateIndex(
                name: "ix_products_weight_kg_id",
                table: "products",
                columns: new[] { "weight_kg", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_category_id_name_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_search_text",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_weight_kg_id",
                table: "products");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "products");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_products_category_id_id",
                table: "products",
                columns: new[] { "category_id", "id" });
        }
    }
}
