using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProductBrowser.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProductPacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "product_packs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    gtin = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_packs", x => x.id);
                    table.CheckConstraint("ck_product_packs_gtin14", "gtin ~ '^[1-8][0-9]{13}$'");
                    table.CheckConstraint("ck_product_packs_quantity_positive", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_product_packs_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_product_packs_gtin",
                table: "product_packs",
                column: "gtin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_product_packs_product_id_level",
                table: "product_packs",
                columns: new[] { "product_id", "level" },
                unique: true);

            migrationBuilder.Sql("""
                -- An explicit write of a product's revision asks for a new one: a change to one of its packs (below)
                -- changes what is shown and cached for the product without touching its row.
                CREATE OR REPLACE FUNCTION bump_product_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.revision IS NOT DISTINCT FROM OLD.revision
                       AND to_jsonb(NEW) - 'revision' - 'updated_at' - 'search_text'
                           IS NOT DISTINCT FROM to_jsonb(OLD) - 'revision' - 'updated_at' - 'search_text' THEN
                        RETURN NEW;
                    END IF;
                    NEW.revision := nextval('catalog_revision');
                    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
                        NEW.updated_at := now();
                    END IF;
                    RETURN NEW;
                END $$;

                -- Packs that changed give their product a new revision (its entry is tombstoned by the products trigger's
                -- change row) and their GTINs, old and new, a change row at that revision (the code entries are
                -- tombstoned). A pack of a product deleted meanwhile gets a revision of its own. No-op updates record nothing.
                CREATE FUNCTION record_pack_changes() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off AS $$
                DECLARE
                    ids uuid[];
                    codes text[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(product_id), array_agg(gtin) INTO ids, codes FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(product_id), array_agg(gtin) INTO ids, codes FROM old_rows;
                    ELSE
                        SELECT array_agg(x.product_id), array_agg(x.gtin) INTO ids, codes FROM (
                            SELECT n.product_id, n.gtin, o.product_id AS old_product_id, o.gtin AS old_gtin
                            FROM new_rows n JOIN old_rows o ON o.id = n.id
                            WHERE (n.product_id, n.level, n.gtin, n.quantity) IS DISTINCT FROM (o.product_id, o.level, o.gtin, o.quantity)) c
                        CROSS JOIN LATERAL (VALUES (c.product_id, c.gtin), (c.old_product_id, c.old_gtin)) AS x(product_id, gtin);
                    END IF;
                    IF ids IS NULL THEN
                        RETURN NULL;
                    END IF;

                    -- A product written earlier in this transaction already has a revision newer than any copy of it
                    -- (and no other transaction has seen it without these packs): no second bump, which keeps a bulk
                    -- load of products with their packs to one change row per product.
                    WITH packs AS (SELECT * FROM unnest(ids, codes) AS t(product_id, gtin)),
                         bumped AS (
                             UPDATE products p SET revision = -1
                             WHERE p.id IN (SELECT product_id FROM packs) AND p.xmin <> pg_current_xact_id()::xid
                             RETURNING p.id, p.revision)
                    INSERT INTO catalog_changes (product_id, revision, codes)
                    SELECT k.product_id,
                           coalesce(max(b.revision), max(p.revision), nextval('catalog_revision')),
                           array_agg(DISTINCT k.gtin)
                    FROM packs k
                    LEFT JOIN bumped b ON b.id = k.product_id
                    LEFT JOIN products p ON p.id = k.product_id
                    GROUP BY k.product_id;
                    PERFORM pg_notify('catalog_changes', '');
                    RETURN NULL;
                END $$;

                CREATE TRIGGER product_packs_record_insert AFTER INSERT ON product_packs
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_pack_changes();
                CREATE TRIGGER product_packs_record_update AFTER UPDATE ON product_packs
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_pack_changes();
                CREATE TRIGGER product_packs_record_delete AFTER DELETE ON product_packs
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION record_pack_changes();
                """);
        }


        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS product_packs;
                DROP FUNCTION IF EXISTS record_pack_changes();
                CREATE OR REPLACE FUNCTION bump_product_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF to_jsonb(NEW) - 'revision' - 'updated_at' - 'search_text'
                       IS NOT DISTINCT FROM to_jsonb(OLD) - 'revision' - 'updated_at' - 'search_text' THEN
                        NEW.revision := OLD.revision;
                        RETURN NEW;
                    END IF;
                    NEW.revision := nextval('catalog_revision');
                    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
                        NEW.updated_at := now();
                    END IF;
                    RETURN NEW;
                END $$;
                """);
        }
    }
}
