using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ProductBrowser.Audit;
using ProductBrowser.Domain;

namespace ProductBrowser.Data.Seeding;

/// <summary>
/// Bulk-loads the demo catalog with binary COPY in batches. Idempotent: batches already present are skipped, rows that
/// exist (or whose SKU or GTIN is taken) are left untouched, and nothing is ever deleted. Its transactions are the
/// app's, so the audit trail records the products as created by <see cref="AuditTrail.DemoCatalogActor"/>.
/// </summary>
public sealed partial class DemoCatalogSeeder(
    NpgsqlDataSource dataSource,
    AuditTrail audit,
    IOptions<DemoCatalogOptions> options,
    ILogger<DemoCatalogSeeder> logger)
{
    // Several app instances may start together; only one loads, the others wait and then find every batch present.
    private const long AdvisoryLockKey = 0x5052_4F44_4355_4354;

    private const string Columns =
        "id, sku, gtin, name, description, category_id, brand, weight_kg, length_cm, width_cm, height_cm, " +
        "unit_of_measure, units_per_pack, bin_location, created_at, updated_at";

    private const string PackColumns = "product_id, level, gtin, quantity";

    public async Task<DemoCatalogSeedResult> SeedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var generator = new DemoCatalogGenerator(settings.Seed);
        var stopwatch = Stopwatch.StartNew();
        long inserted = 0;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await EnsureCategoriesAsync(connection, cancellationToken);
            LogStarting(logger, settings.ProductCount, settings.Seed);

            for (long first = 1; first <= settings.ProductCount; first += settings.BatchSize)
            {
                var last = Math.Min(settings.ProductCount, first + settings.BatchSize - 1);
                var present = await CountPresentAsync(connection, first, last, cancellationToken);
                if (present < last - first + 1)
                {
                    inserted += await LoadBatchAsync(connection, generator, first, last, present == 0, cancellationToken);
                }
                else if (!await PacksPresentAsync(connection, first, last, cancellationToken))
                {
                    // A catalog seeded before products had packs.
                    await LoadPacksThroughStagingAsync(connection, generator, first, last, cancellationToken);
                }

                LogProgress(logger, last, settings.ProductCount, stopwatch.Elapsed.TotalSeconds);
            }

            if (inserted > 0)
            {
                await ExecuteAsync(connection, "ANALYZE products, product_packs", cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }

        var result = new DemoCatalogSeedResult(settings.ProductCount, inserted, stopwatch.Elapsed);
        LogFinished(logger, result.ProductCount, result.Inserted, result.Elapsed.TotalSeconds);
        return result;
    }

    private static async Task EnsureCategoriesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var category in DemoCatalogGenerator.Categories)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO categories (id, code, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", connection);
            command.Parameters.Add(new() { Value = category.Id });
            command.Parameters.Add(new() { Value = category.Code });
            command.Parameters.Add(new() { Value = category.Name });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<long> CountPresentAsync(
        NpgsqlConnection connection, long first, long last, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM products WHERE id BETWEEN $1 AND $2", connection);
        command.Parameters.Add(new() { Value = DemoCatalogGenerator.IdFor(first) });
        command.Parameters.Add(new() { Value = DemoCatalogGenerator.IdFor(last) });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<long> LoadBatchAsync(
        NpgsqlConnection connection, DemoCatalogGenerator generator, long first, long last, bool empty,
        CancellationToken cancellationToken)
    {
        if (empty)
        {
            // Fast path: straight into the table. A unique clash (someone created a product with a demo SKU)
            // rolls the batch back and it goes through the staging path instead.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await audit.AttributeAsync(connection, AuditTrail.DemoCatalogActor, cancellationToken);
            try
            {
                var copied = await CopyAsync(connection, "products", generator, first, last, cancellationToken);
                await CopyPacksAsync(connection, "product_packs", generator, first, last, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return copied;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync(cancellationToken);
                LogBatchClash(logger, first, last, ex.ConstraintName);
            }
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await audit.AttributeAsync(connection, AuditTrail.DemoCatalogActor, cancellationToken);
            await ExecuteAsync(connection,
                $"CREATE TEMP TABLE demo_products_staging ON COMMIT DROP AS SELECT {Columns} FROM products WITH NO DATA",
                cancellationToken);
            await CopyAsync(connection, "demo_products_staging", generator, first, last, cancellationToken);
            var inserted = await ExecuteAsync(connection,
                $"INSERT INTO products ({Columns}) SELECT {Columns} FROM demo_products_staging ON CONFLICT DO NOTHING",
                cancellationToken);
            await InsertPacksThroughStagingAsync(connection, generator, first, last, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return inserted;
        }
    }

    private static async Task<bool> PacksPresentAsync(NpgsqlConnection connection, long first, long last, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM product_packs WHERE product_id BETWEEN $1 AND $2)", connection);
        command.Parameters.Add(new() { Value = DemoCatalogGenerator.IdFor(first) });
        command.Parameters.Add(new() { Value = DemoCatalogGenerator.IdFor(last) });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task LoadPacksThroughStagingAsync(
        NpgsqlConnection connection, DemoCatalogGenerator generator, long first, long last, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await audit.AttributeAsync(connection, AuditTrail.DemoCatalogActor, cancellationToken);
        await InsertPacksThroughStagingAsync(connection, generator, first, last, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Packs of the demo products that are there (a clashing row was skipped) and whose GTINs are free.</summary>
    private static async Task InsertPacksThroughStagingAsync(
        NpgsqlConnection connection, DemoCatalogGenerator generator, long first, long last, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection,
            $"CREATE TEMP TABLE demo_packs_staging ON COMMIT DROP AS SELECT {PackColumns} FROM product_packs WITH NO DATA",
            cancellationToken);
        await CopyPacksAsync(connection, "demo_packs_staging", generator, first, last, cancellationToken);
        await ExecuteAsync(connection,
            $"INSERT INTO product_packs ({PackColumns}) SELECT {PackColumns} FROM demo_packs_staging s " +
            "WHERE EXISTS (SELECT 1 FROM products p WHERE p.id = s.product_id) ON CONFLICT DO NOTHING",
            cancellationToken);
    }

    private static async Task CopyPacksAsync(
        NpgsqlConnection connection, string table, DemoCatalogGenerator generator, long first, long last,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({PackColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var pack in generator.Generate(first, last).SelectMany(p => p.Packs))
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(pack.ProductId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(pack.Level.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(pack.Gtin, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(pack.Quantity, NpgsqlDbType.Integer, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<long> CopyAsync(
        NpgsqlConnection connection, string table, DemoCatalogGenerator generator, long first, long last,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var product in generator.Generate(first, last))
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(product.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(product.Sku, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(product.Gtin, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(product.Name, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(product.Description, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(product.CategoryId, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(product.Brand, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(product.WeightKg, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync(product.LengthCm, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync(product.WidthCm, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync(product.HeightCm, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync(product.UnitOfMeasure.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(product.UnitsPerPack, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(product.BinLocation, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(product.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(product.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        return (long)await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalog: ensuring {ProductCount:N0} products (seed {Seed})")]
    private static partial void LogStarting(ILogger logger, int productCount, int seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalog: {Done:N0} / {Total:N0} products ({Seconds:F1} s)")]
    private static partial void LogProgress(ILogger logger, long done, int total, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo catalog: products {First}-{Last} clash with existing data on {Constraint}; loading them through a staging table and skipping the clashing rows")]
    private static partial void LogBatchClash(ILogger logger, long first, long last, string? constraint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalog ready: {ProductCount:N0} products, {Inserted:N0} inserted, in {Seconds:F1} s")]
    private static partial void LogFinished(ILogger logger, int productCount, long inserted, double seconds);
}
