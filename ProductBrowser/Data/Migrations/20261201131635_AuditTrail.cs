using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProductBrowser.Data.Migrations
{
    /// <summary>
    /// The audit trail (decision 12): <c>audit_events</c>, append-only (UPDATE and TRUNCATE refused, DELETE only through
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
                -- Rows leave only through prune_audit_events, which sets this transaction-local cut-off for its own
                -- DELETE; nothing younger than a day is ever removed, whatever the cut-off says.
                CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only: % is refused (prune_audit_events removes events past the retention)', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE FUNCTION check_audit_prune() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    cutoff text := nullif(current_setting('productbrowser.audit_prune_before', true), '');
                BEGIN
                    IF cutoff IS NULL OR EXISTS (SELECT 1 FROM old_rows WHERE at >= least(cutoff::timestamptz, now() - interval '1 day')) THEN
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
                -- Changes are every column whose value differs, old and new as JSON, bookkeeping columns left out.
                -- Transition tables have no statistics: hash joins only, as in the change-feed triggers.
                CREATE FUNCTION audit_product_changes() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off AS $$
                DECLARE
                    who text := left(nullif(current_setting('productbrowser.actor', true), ''), 256);
                    instance text := CASE WHEN who IS NOT NULL THEN left(nullif(current_setting('productbrowser.instance', true), ''), 256) END;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO audit_events (actor, instance, action, product_id, sku, detail)
                        SELECT who, instance, 'create', n.id, n.sku, n.name FROM new_rows n;
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO audit_events (actor, instance, action, product_id, sku, changes)
                        SELECT who, instance, 'edit', c.id, c.sku, c.changes
                        FROM (
                            SELECT n.id, n.sku,
                                   (SELECT jsonb_object_agg(f.key, jsonb_build_object('old', r.old -> f.key, 'new', f.value))
                                    FROM jsonb_each(r.new) AS f WHERE f.value IS DISTINCT FROM r.old -> f.key) AS changes
                            FROM new_rows n JOIN old_rows o ON o.id = n.id
                            CROSS JOIN LATERAL (SELECT to_jsonb(o) - 'revision' - 'updated_at' - 'search_text' AS old,
                                                       to_jsonb(n) - 'revision' - 'updated_at' - 'search_text' AS new) r
                            -- An unchanged row keeps its revision (bump_product_revision): nothing to compare.
                            WHERE n.revision <> o.revision) c
                        WHERE c.changes IS NOT NULL;
                    ELSE
                        -- What a deleted product held is kept with its delete: nothing else has it any more.
                        INSERT INTO audit_events (actor, instance, action, product_id, sku, changes, detail)
                        SELECT who, instance, 'delete', o.id, o.sku,
                               (SELECT jsonb_object_agg(f.key, jsonb_build_object('old', f.value, 'new', NULL))
                                FROM jsonb_each(to_jsonb(o) - 'revision' - 'updated_at' - 'search_text') AS f),
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
                CREATE FUNCTION audit_pack_changes() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off AS $$
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
