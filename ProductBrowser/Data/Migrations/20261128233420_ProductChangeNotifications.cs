using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductBrowser.Data.Migrations
{
    /// <summary>
    /// Every write to products, from the app or from anywhere else, is announced on the <c>product_changes</c> channel so
    /// each app instance can evict its cache entries; and <c>updated_at</c> moves on every update, whoever makes it.
    /// Statement-level triggers with transition tables: a statement touching more than 100 rows (an import) sends one
    /// "everything changed" message instead of flooding the channel.
    /// </summary>
    public partial class ProductChangeNotifications : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION notify_product_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed bigint;
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        SELECT count(*) INTO changed FROM old_rows;
                    ELSE
                        SELECT count(*) INTO changed FROM new_rows;
                    END IF;

                    IF changed > 100 THEN
                        PERFORM pg_notify('product_changes', '{"all":true}');
                    ELSIF TG_OP = 'INSERT' THEN
                        PERFORM pg_notify('product_changes', json_build_object('id', n.id, 'codes', json_build_array(n.sku, n.gtin))::text)
                        FROM new_rows n;
                    ELSIF TG_OP = 'UPDATE' THEN
                        PERFORM pg_notify('product_changes', json_build_object('id', n.id, 'codes', json_build_array(n.sku, n.gtin, o.sku, o.gtin))::text)
                        FROM new_rows n JOIN old_rows o ON o.id = n.id;
                    ELSE
                        PERFORM pg_notify('product_changes', json_build_object('id', o.id, 'codes', json_build_array(o.sku, o.gtin))::text)
                        FROM old_rows o;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER products_notify_insert AFTER INSERT ON products
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_product_changes();
                CREATE TRIGGER products_notify_update AFTER UPDATE ON products
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_product_changes();
                CREATE TRIGGER products_notify_delete AFTER DELETE ON products
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_product_changes();

                CREATE OR REPLACE FUNCTION touch_product_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
                        NEW.updated_at := now();
                    END IF;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER products_touch_updated_at BEFORE UPDATE ON products
                    FOR EACH ROW EXECUTE FUNCTION touch_product_updated_at();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS products_touch_updated_at ON products;
                DROP FUNCTION IF EXISTS touch_product_updated_at();
                DROP TRIGGER IF EXISTS products_notify_delete ON products;
                DROP TRIGGER IF EXISTS products_notify_update ON products;
                DROP TRIGGER IF EXISTS products_notify_insert ON products;
                DROP FUNCTION IF EXISTS notify_product_changes();
                """);
        }
    }
}
