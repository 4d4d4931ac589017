using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProductBrowser.Data.Migrations
{
    /// <summary>
    /// The audit trail (decision 14): <c>audit_events</c>, append-only (UPDATE and TRUNCATE refused, DELETE only through
    /// <c>prune_audit_events</c> and only past the retention), and statement-level triggers on products and packs that
    /// record every insert, changed field (old and new) and delete in the writing transaction. A transaction the app
    /// marked (<c>productbrowser.actor</c>) is recorded under its user and instance; any other write is recorded with no
    /// actor: outside the app.
    /// </summary>
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "clock_timestamp()"),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    instance = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    changes = table.Column<string>(type: "jsonb", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                    table.CheckConstraint("ck_audit_events_action", "action IN ('create', 'edit', 'delete', 'evict', 'warm', 'flush', 'reset-counters')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_action_at_id",
                table: "audit_events",
                columns: new[] { "action", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_at_id",
                table: "audit_events",
                columns: new[] { "actor", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_at_id",
                table: "audit_events",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_product_id_at_id",
                table: "audit_events",
                columns: new[] { "product_id", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_sku_at_id",
                table: "audit_events",
                columns: new[] { "sku", "at", "id" });

            migrationBuilder.Sql("""
                -- Append-only: UPDATE and TRUNCATE are refused; a DELETE only from inside prune_audit_events (its call
                -- stack says so), of rows older than the transaction-local cut-off that function sets, and never of rows
                -- younger than a day.
                CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only: % is refused (prune_audit_events removes events past the retention)', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE FUNCTION check_audit_prune() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    cutoff text := nullif(current_setting('productbrowser.audit_prune_before', true), '');
                    caller text;
                BEGIN
                    GET DIAGNOSTICS caller = PG_CONTEXT;
                    IF cutoff IS NULL OR position('function prune_audit_events(' in caller) = 0
                       OR EXISTS (SELECT 1 FROM old_rows WHERE at >= least(cutoff::timestamptz, now() - interval '1 day')) THEN
                        RAISE EXCEPTION 'audit_events is append-only: DELETE is refused (prune_audit_events removes events past the retention)'
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER audit_events_refuse_update BEFORE UPDATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
                CREATE TRIGGER audit_events_refuse_truncate BEFORE TRUNCATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
                CREATE TRIGGER audit_events_prune_only AFTER DELETE ON audit_events
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION check_audit_prune();

                -- Removes up to max_rows events older than older_than (at least a day); 0 while another session prunes.
                CREATE FUNCTION prune_audit_events(older_than interval, max_rows integer DEFAULT 10000) RETURNS integer
                LANGUAGE plpgsql AS $$
                DECLARE
                    cutoff timestamptz := now() - older_than;
                    removed integer;
                BEGIN
                    IF older_than < interval '1 day' THEN
                        RAISE EXCEPTION 'audit events are kept for at least a day; prune_audit_events was asked for %', older_than;
                    END IF;
                    IF NOT pg_try_advisory_xact_lock(4707330599420531278) THEN
                        RETURN 0;
                    END IF;
                    PERFORM set_config('productbrowser.audit_prune_before', cutoff::text, true);
                    DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < cutoff ORDER BY at, id LIMIT max_rows);
                    GET DIAGNOSTICS removed = ROW_COUNT;
                    PERFORM set_config('productbrowser.audit_prune_before', '', true);
                    RETURN removed;
                END $$;

                -- Who writes: the app marks its transactions with the signed-in user and its instance
                -- (AuditTrail.AttributeAsync); a write without the mark came from outside the app and has no actor.
                -- Changes are the columns whose value differs, old and new as JSON; id, updated_at, search_text and
                -- revision are bookkeeping. Column by column rather than through to_jsonb of whole rows, which took three
                -- times as long on a bulk statement (decision 14); a test fails when a column is added and not listed here.
                -- Transition tables have no statistics: hash or merge joins only, as in the change-feed triggers, and
                -- no JIT for what is always a short plan.
                CREATE FUNCTION audit_product_changes() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off SET jit = off AS $$
                DECLARE
                    who text := left(nullif(current_setting('productbrowser.actor', true), ''), 256);
                    instance text := CASE WHEN who IS NOT NULL THEN left(nullif(current_setting('productbrowser.instance', true), ''), 256) END;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO audit_events (actor, instance, action, product_id, sku, detail)
                        SELECT who, instance, 'create', n.id, n.sku, n.name FROM new_rows n;
                    ELSIF TG_OP = 'UPDATE' THEN
                        -- Materialized, so the changes of each row are worked out once (not again for the filter).
                        WITH changed AS MATERIALIZED (
                            SELECT n.id, n.sku,
                                   CASE WHEN n.sku IS DISTINCT FROM o.sku THEN jsonb_build_object('sku', jsonb_build_object('old', o.sku, 'new', n.sku)) ELSE '{}' END
                                   || CASE WHEN n.gtin IS DISTINCT FROM o.gtin THEN jsonb_build_object('gtin', jsonb_build_object('old', o.gtin, 'new', n.gtin)) ELSE '{}' END
                                   || CASE WHEN n.name IS DISTINCT FROM o.name THEN jsonb_build_object('name', jsonb_build_object('old', o.name, 'new', n.name)) ELSE '{}' END
                                   || CASE WHEN n.description IS DISTINCT FROM o.description THEN jsonb_build_object('description', jsonb_build_object('old', o.description, 'new', n.description)) ELSE '{}' END
                                   || CASE WHEN n.category_id IS DISTINCT FROM o.category_id THEN jsonb_build_object('category_id', jsonb_build_object('old', o.category_id, 'new', n.category_id)) ELSE '{}' END
                                   || CASE WHEN n.brand IS DISTINCT FROM o.brand THEN jsonb_build_object('brand', jsonb_build_object('old', o.brand, 'new', n.brand)) ELSE '{}' END
                                   || CASE WHEN n.weight_kg IS DISTINCT FROM o.weight_kg THEN jsonb_build_object('weight_kg', jsonb_build_object('old', o.weight_kg, 'new', n.weight_kg)) ELSE '{}' END
                                   || CASE WHEN n.length_cm IS DISTINCT FROM o.length_cm THEN jsonb_build_object('length_cm', jsonb_build_object('old', o.length_cm, 'new', n.length_cm)) ELSE '{}' END
                                   || CASE WHEN n.width_cm IS DISTINCT FROM o.width_cm THEN jsonb_build_object('width_cm', jsonb_build_object('old', o.width_cm, 'new', n.width_cm)) ELSE '{}' END
                                   || CASE WHEN n.height_cm IS DISTINCT FROM o.height_cm THEN jsonb_build_object('height_cm', jsonb_build_object('old', o.height_cm, 'new', n.height_cm)) ELSE '{}' END
                                   || CASE WHEN n.unit_of_measure IS DISTINCT FROM o.unit_of_measure THEN jsonb_build_object('unit_of_measure', jsonb_build_object('old', o.unit_of_measure, 'new', n.unit_of_measure)) ELSE '{}' END
                                   || CASE WHEN n.units_per_pack IS DISTINCT FROM o.units_per_pack THEN jsonb_build_object('units_per_pack', jsonb_build_object('old', o.units_per_pack, 'new', n.units_per_pack)) ELSE '{}' END
                                   || CASE WHEN n.bin_location IS DISTINCT FROM o.bin_location THEN jsonb_build_object('bin_location', jsonb_build_object('old', o.bin_location, 'new', n.bin_location)) ELSE '{}' END
                                   || CASE WHEN n.created_at IS DISTINCT FROM o.created_at THEN jsonb_build_object('created_at', jsonb_build_object('old', o.created_at, 'new', n.created_at)) ELSE '{}' END AS changes
                            FROM new_rows n JOIN old_rows o ON o.id = n.id
                            -- An unchanged row keeps its revision (bump_product_revision): nothing to compare.
                            WHERE n.revision <> o.revision)
                        INSERT INTO audit_events (actor, instance, action, product_id, sku, changes)
                        SELECT who, instance, 'edit', c.id, c.sku, c.changes FROM changed c
                        -- A new revision with no value changed: a pack changed, recorded by the packs' trigger.
                        WHERE c.changes <> '{}';
                    ELSE
                        -- What a deleted product held is kept with its delete: nothing else has it any more.
                        INSERT INTO audit_events (actor, instance, action, product_id, sku, changes, detail)
                        SELECT who, instance, 'delete', o.id, o.sku,
                               jsonb_build_object(
                                   'sku', jsonb_build_object('old', o.sku, 'new', NULL),
                                   'gtin', jsonb_build_object('old', o.gtin, 'new', NULL),
                                   'name', jsonb_build_object('old', o.name, 'new', NULL),
                                   'description', jsonb_build_object('old', o.description, 'new', NULL),
                                   'category_id', jsonb_build_object('old', o.category_id, 'new', NULL),
                                   'brand', jsonb_build_object('old', o.brand, 'new', NULL),
                                   'weight_kg', jsonb_build_object('old', o.weight_kg, 'new', NULL),
                                   'length_cm', jsonb_build_object('old', o.length_cm, 'new', NULL),
                                   'width_cm', jsonb_build_object('old', o.width_cm, 'new', NULL),
                                   'height_cm', jsonb_build_object('old', o.height_cm, 'new', NULL),
                                   'unit_of_measure', jsonb_build_object('old', o.unit_of_measure, 'new', NULL),
                                   'units_per_pack', jsonb_build_object('old', o.units_per_pack, 'new', NULL),
                                   'bin_location', jsonb_build_object('old', o.bin_location, 'new', NULL),
                                   'created_at', jsonb_build_object('old', o.created_at, 'new', NULL)),
                               o.name
                        FROM old_rows o;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER products_audit_insert AFTER INSERT ON products
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_product_changes();
                CREATE TRIGGER products_audit_update AFTER UPDATE ON products
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_product_changes();
                CREATE TRIGGER products_audit_delete AFTER DELETE ON products
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_product_changes();

                -- A pack change is an edit of its product: one event per product, a field per pack level
                -- ("pack_case": "10012345678902 × 12"). Packs of a product deleted meanwhile are part of its delete;
                -- the first packs of a product created in the same transaction are part of its create.
                CREATE FUNCTION audit_pack_changes() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off SET jit = off AS $$
                DECLARE
                    who text := left(nullif(current_setting('productbrowser.actor', true), ''), 256);
                    instance text := CASE WHEN who IS NOT NULL THEN left(nullif(current_setting('productbrowser.instance', true), ''), 256) END;
                    ids uuid[];
                    fields text[];
                    olds text[];
                    news text[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT array_agg(product_id), array_agg('pack_' || lower(level)), array_agg(NULL::text), array_agg(gtin || ' × ' || quantity)
                        INTO ids, fields, olds, news FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT array_agg(product_id), array_agg('pack_' || lower(level)), array_agg(gtin || ' × ' || quantity), array_agg(NULL::text)
                        INTO ids, fields, olds, news FROM old_rows;
                    ELSE
                        SELECT array_agg(x.product_id), array_agg(x.field), array_agg(x.old), array_agg(x.new)
                        INTO ids, fields, olds, news
                        FROM new_rows n JOIN old_rows o ON o.id = n.id
                        CROSS JOIN LATERAL (VALUES
                            (o.product_id, 'pack_' || lower(o.level), o.gtin || ' × ' || o.quantity, NULL::text),
                            (n.product_id, 'pack_' || lower(n.level), NULL::text, n.gtin || ' × ' || n.quantity)) AS x(product_id, field, old, new)
                        WHERE (n.product_id, n.level, n.gtin, n.quantity) IS DISTINCT FROM (o.product_id, o.level, o.gtin, o.quantity);
                    END IF;
                    IF ids IS NULL THEN
                        RETURN NULL;
                    END IF;

                    INSERT INTO audit_events (actor, instance, action, product_id, sku, changes)
                    SELECT who, instance, 'edit', p.id, p.sku, c.changes
                    FROM (
                        SELECT f.product_id, jsonb_object_agg(f.field, jsonb_build_object('old', f.old, 'new', f.new)) AS changes
                        FROM (SELECT t.product_id, t.field, max(t.old) AS old, max(t.new) AS new
                              FROM unnest(ids, fields, olds, news) AS t(product_id, field, old, new)
                              GROUP BY t.product_id, t.field) f
                        WHERE f.old IS DISTINCT FROM f.new
                        GROUP BY f.product_id) c
                    JOIN (SELECT id, sku FROM products WHERE id = ANY (ids)) p ON p.id = c.product_id
                    WHERE c.product_id NOT IN (
                        SELECT a.product_id FROM audit_events a
                        WHERE a.product_id = ANY (ids) AND a.action = 'create' AND a.xmin = pg_current_xact_id()::xid);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER product_packs_audit_insert AFTER INSERT ON product_packs
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_pack_changes();
                CREATE TRIGGER product_packs_audit_update AFTER UPDATE ON product_packs
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_pack_changes();
                CREATE TRIGGER product_packs_audit_delete AFTER DELETE ON product_packs
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_pack_changes();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS product_packs_audit_insert ON product_packs;
                DROP TRIGGER IF EXISTS product_packs_audit_update ON product_packs;
                DROP TRIGGER IF EXISTS product_packs_audit_delete ON product_packs;
                DROP FUNCTION IF EXISTS audit_pack_changes();
                DROP TRIGGER IF EXISTS products_audit_insert ON products;
                DROP TRIGGER IF EXISTS products_audit_update ON products;
                DROP TRIGGER IF EXISTS products_audit_delete ON products;
                DROP FUNCTION IF EXISTS audit_product_changes();
                DROP FUNCTION IF EXISTS prune_audit_events(interval, integer);
                """);

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS check_audit_prune();
                DROP FUNCTION IF EXISTS refuse_audit_change();
                """);
        }
    }
}
