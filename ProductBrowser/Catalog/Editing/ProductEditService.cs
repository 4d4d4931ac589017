using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProductBrowser.Audit;
using ProductBrowser.Caching;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog.Editing;

/// <summary>
/// Saves product edits through EF Core with optimistic concurrency on PostgreSQL's row version (<c>xmin</c>): the
/// second of two concurrent saves gets a conflict with the current values. After the commit the change is applied to
/// the cache here at once (tombstones at the new revision on the product, its old and new codes, its categories'
/// related lists); the change feed brings the same change to every instance, where applying it again changes nothing.
/// The save's transaction is marked with the editor's name, so the audit trigger records the changed fields under it.
/// </summary>
public sealed partial class ProductEditService(
    IDbContextFactory<CatalogDbContext> dbFactory,
    ProductCacheInvalidator invalidator,
    IProductQueryService reads,
    AuditTrail audit,
    TimeProvider time,
    ILogger<ProductEditService> logger) : IProductEditService
{
    public async Task<ProductSaveResult> SaveAsync(ProductEdit edit, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var (changes, errors) = ProductEditValidator.Validate(edit);
        if (errors.Count > 0)
        {
            return ProductSaveResult.Invalid(errors);
        }

        string[] oldCodes;
        int oldCategory;
        long revision;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var product = await db.Products.AsTracking().SingleOrDefaultAsync(p => p.Id == edit.Id, cancellationToken);
            if (product is null)
            {
                return new ProductSaveResult(ProductSaveStatus.NotFound, null, new Dictionary<string, string>());
            }

            if (!await db.Categories.AnyAsync(c => c.Id == changes.CategoryId, cancellationToken))
            {
                return ProductSaveResult.Invalid(new Dictionary<string, string> { [nameof(ProductEdit.CategoryId)] = "Choose a category." });
            }

            if (await db.Products.AnyAsync(p => p.Sku == changes.Sku && p.Id != edit.Id, cancellationToken))
            {
                return ProductSaveResult.Invalid(new Dictionary<string, string> { [nameof(ProductEdit.Sku)] = $"SKU {changes.Sku} is already used by another product." });
            }

            oldCodes = [product.Sku, .. product.Gtin is null ? Array.Empty<string>() : [product.Gtin]];
            oldCategory = product.CategoryId;
            // The version the editor read is the one the UPDATE must still find; otherwise someone saved in between.
            db.Entry(product).Property(p => p.Version).OriginalValue = edit.Version;
            Apply(product, changes);
            product.UpdatedAt = time.GetUtcNow();
            // One transaction for the UPDATE and the audit row its trigger writes under the editor's name; no savepoint
            // inside it (EF would make one, and nothing here needs it).
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await audit.AttributeAsync(db, actor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            // Read back from the UPDATE: the revision the trigger gave the row.
            revision = product.Revision;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The other save's change may not have reached the cache yet: show the values PostgreSQL holds now.
            await invalidator.EvictAsync(edit.Id, []);
            var current = await reads.GetProductAsync(edit.Id, cancellationToken);
            LogConflict(logger, edit.Id);
            return new ProductSaveResult(current.Product is null ? ProductSaveStatus.NotFound : ProductSaveStatus.Conflict, current.Product,
                new Dictionary<string, string>());
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            var field = unique.ConstraintName?.Contains("gtin", StringComparison.Ordinal) == true ? nameof(ProductEdit.Gtin) : nameof(ProductEdit.Sku);
            return ProductSaveResult.Invalid(new Dictionary<string, string> { [field] = "Another product already uses this code." });
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation })
        {
            return ProductSaveResult.Invalid(new Dictionary<string, string> { [""] = "The catalog refused these values; check the weight and dimensions." });
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex) || ex is DbUpdateException)
        {
            LogSaveFailed(logger, ex, edit.Id);
            return new ProductSaveResult(ProductSaveStatus.Unavailable, null, new Dictionary<string, string>());
        }

        string[] newCodes = [changes.Sku!, .. changes.Gtin is null ? Array.Empty<string>() : [changes.Gtin]];
        try
        {
            await invalidator.ApplyAsync([new CatalogChange(edit.Id, null, revision, [.. oldCodes.Union(newCodes)], [oldCategory, changes.CategoryId])], cancellationToken);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            // Saved: the change feed applies it once Redis answers.
            LogInvalidationDeferred(logger, ex, edit.Id);
        }

        LogSaved(logger, edit.Id, changes.Sku!);
        var saved = await reads.GetProductAsync(edit.Id, cancellationToken);
        return new ProductSaveResult(ProductSaveStatus.Saved, saved.Product, new Dictionary<string, string>());
    }

    private static void Apply(Product product, ProductEdit edit)
    {
        product.Sku = edit.Sku!;
        product.Gtin = edit.Gtin;
        product.Name = edit.Name!;
        product.Description = edit.Description!;
        product.CategoryId = edit.CategoryId;
        product.Brand = edit.Brand!;
        product.WeightKg = edit.WeightKg;
        product.LengthCm = edit.LengthCm;
        product.WidthCm = edit.WidthCm;
        product.HeightCm = edit.HeightCm;
        product.UnitOfMeasure = edit.UnitOfMeasure;
        product.UnitsPerPack = edit.UnitsPerPack;
        product.BinLocation = edit.BinLocation!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProductId} saved (SKU {Sku})")]
    private static partial void LogSaved(ILogger logger, Guid productId, string sku);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product {ProductId} saved; Redis did not answer, so the change feed updates the cache when it does")]
    private static partial void LogInvalidationDeferred(ILogger logger, Exception exception, Guid productId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProductId} changed since it was read: save refused as a conflict")]
    private static partial void LogConflict(ILogger logger, Guid productId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving product {ProductId} failed")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, Guid productId);
}
