using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductBrowser.Caching;
using ProductBrowser.Data;

namespace ProductBrowser.Catalog.Lookup;

/// <summary>
/// SKU or barcode lookups through the cache: the code maps to a product id in Redis (same prefix, version and TTL as
/// products; unknown codes for <see cref="CacheOptions.NotFoundTtl"/>), then the product comes through
/// <see cref="IProductQueryService"/>, cache-aside as on the details page. As there, a miss that finds a tombstone newer
/// than what the read replica answers asks the primary: a code just given to a product is found at once.
/// </summary>
public sealed partial class SkuLookupService(
    CatalogReadDbContextFactory dbFactory,
    IDbContextFactory<CatalogDbContext> primary,
    CacheStore cache,
    CacheKeys keys,
    IProductQueryService products,
    Replication.ReplicaLagSampler replicaLag,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<SkuLookupService> logger) : ISkuLookupService
{
    public const int MaxSuggestions = 10;

    private static readonly Func<CatalogDbContext, string, CancellationToken, Task<CodeMatch?>> FindByCode =
        EF.CompileAsyncQuery((CatalogDbContext db, string code, CancellationToken _) =>
            db.Products.AsNoTracking()
                .Where(p => p.Sku == code || p.Gtin == code)
                .OrderBy(p => p.Sku == code ? 0 : 1)
                .Select(p => new CodeMatch(p.Id, p.Revision, null))
                .FirstOrDefault());

    /// <summary>A pack's GTIN-14 (indicator digit 1-8): the product it packs, at the product's revision (a pack change bumps it).</summary>
    private static readonly Func<CatalogDbContext, string, CancellationToken, Task<CodeMatch?>> FindByPackGtin =
        EF.CompileAsyncQuery((CatalogDbContext db, string gtin, CancellationToken _) =>
            db.ProductPacks.AsNoTracking()
                .Where(k => k.Gtin == gtin)
                .Select(k => new CodeMatch(k.ProductId, k.Product.Revision, new ProductPackDetails(k.Level, k.Gtin, k.Quantity)))
                .FirstOrDefault());

    /// <summary>
    /// The product a code names (and the pack, for a pack's GTIN), and the row revision the mapping was read at (its
    /// cache entry's version).
    /// </summary>
    private sealed record CodeMatch(Guid Id, long Revision, ProductPackDetails? Pack);

    public async Task<SkuLookupResult> LookupAsync(string? input, CancellationToken cancellationToken = default)
    {
        var scanned = SkuNormalizer.Normalize(input, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (!scanned.IsValid)
        {
            return SkuLookupResult.Invalid(scanned.Problem!);
        }

        var code = scanned.Code;
        var codeStep = await ResolveCodeAsync(code, IsPackGtin(scanned), cancellationToken);
        if (codeStep.Entry is not { } entry)
        {
            return new SkuLookupResult(code, SkuLookupStatus.Unavailable, null, codeStep.Report, null, [],
                "The catalog is temporarily unavailable. Scan again in a moment.");
        }

        if (entry.ProductId is not { } productId)
        {
            return new SkuLookupResult(code, SkuLookupStatus.NotFound, null, codeStep.Report, null,
                entry.Suggestions ?? [], NotFoundMessage(scanned));
        }

        var read = await products.GetProductAsync(productId, cancellationToken);
        return read.Status switch
        {
            ProductReadStatus.Found => new SkuLookupResult(code, SkuLookupStatus.Found, read.Product, codeStep.Report, read.Cache, [])
            {
                Label = scanned.Label,
                Pack = entry.Pack,
            },
            ProductReadStatus.NotFound => await ForgetStaleCodeAsync(scanned, codeStep.Report, read.Cache),
            _ => new SkuLookupResult(code, SkuLookupStatus.Unavailable, null, codeStep.Report, read.Cache, [],
                "The catalog is temporarily unavailable. Scan again in a moment."),
        };
    }

    /// <summary>A GTIN-14 that is not a base unit's (those are normalized to 13 digits): a pack's, looked up among packs.</summary>
    private static bool IsPackGtin(ScannedCode scanned) => scanned.IsGtin && scanned.Code.Length == 14;

    private async Task<(CachedCode? Entry, CacheReadReport Report)> ResolveCodeAsync(string code, bool packGtin, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var key = keys.Code(code);
        var cached = await cache.GetAsync(key, CacheJsonContext.Default.CachedCode);
        if (cached.Value is { } hit)
        {
            var ttl = hit.ExpiresAt - time.GetUtcNow();
            return (hit, new CacheReadReport(CacheOutcome.Hit, key!, cached.Elapsed.TotalMilliseconds, null,
                Elapsed(started), ttl > TimeSpan.Zero ? ttl : TimeSpan.Zero));
        }

        var dbStarted = time.GetTimestamp();
        CachedCode entry;
        long version;
        var fromPrimary = !dbFactory.IsReplica;
        try
        {
            var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            try
            {
                var match = packGtin ? await FindByPackGtin(db, code, cancellationToken) : await FindByCode(db, code, cancellationToken);
                if (!fromPrimary && cached.Tombstone && cached.Version > (match?.Revision ?? 0))
                {
                    // The replica has not applied a change the cache already knows of for this code.
                    await db.DisposeAsync();
                    db = await primary.CreateDbContextAsync(cancellationToken);
                    fromPrimary = true;
                    match = packGtin ? await FindByPackGtin(db, code, cancellationToken) : await FindByCode(db, code, cancellationToken);
                }

                var ttl = match is null ? options.Value.NotFoundTtl : options.Value.ProductTtl;
                var suggestions = match is null && !packGtin ? await SuggestAsync(db, code, cancellationToken) : null;
                entry = new CachedCode(match?.Id, suggestions, time.GetUtcNow() + ttl) { Pack = match?.Pack };
                version = match?.Revision ?? 0;
            }
            finally
            {
                await db.DisposeAsync();
            }
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
        {
            LogDatabaseFailed(logger, ex, code);
            return (null, new CacheReadReport(cached.Error is null ? CacheOutcome.Miss : CacheOutcome.Error, key!,
                cached.Elapsed.TotalMilliseconds, time.GetElapsedTime(dbStarted).TotalMilliseconds, Elapsed(started), null, cached.Error));
        }

        var dbTime = time.GetElapsedTime(dbStarted);
        var redisTime = cached.Elapsed;
        var error = cached.Error;
        TimeSpan? storedFor = null;
        // As for products: a read older than half a tombstone's life (a lagging replica's counts) is not stored.
        if (error is null && (fromPrimary ? dbTime : replicaLag.AgeOfRead(dbTime)) < options.Value.TombstoneTtl / 2)
        {
            var ttl = entry.ExpiresAt - time.GetUtcNow();
            // Compare-and-set on the revision: a code moved to another product meanwhile keeps its newer tombstone.
            var stored = await cache.FillAsync(key, entry, CacheJsonContext.Default.CachedCode, version, ttl);
            redisTime += stored.Elapsed;
            error = stored.Error;
            storedFor = stored.Error is null ? ttl : null;
        }

        return (entry, new CacheReadReport(error is null ? CacheOutcome.Miss : CacheOutcome.Error, key!,
            redisTime.TotalMilliseconds, dbTime.TotalMilliseconds, Elapsed(started), storedFor, error));
    }

    /// <summary>
    /// Up to ten SKUs sharing the longest prefix with the code (a misread usually garbles the end of a label), in SKU
    /// order. Each try is an index range scan; at most a few tries, and the answer is cached with the not-found entry.
    /// </summary>
    private static async Task<IReadOnlyList<SkuSuggestion>> SuggestAsync(CatalogDbContext db, string code, CancellationToken cancellationToken)
    {
        const int shortestPrefix = 3;
        const int tries = 6;
        for (var length = code.Length; length >= Math.Max(shortestPrefix, code.Length - tries + 1); length--)
        {
            var prefix = code[..length];
            var suggestions = await db.Products.AsNoTracking()
                .Where(p => p.Sku.StartsWith(prefix))
                .OrderBy(p => p.Sku)
                .Take(MaxSuggestions)
                .Select(p => new SkuSuggestion(p.Id, p.Sku, p.Name))
                .ToListAsync(cancellationToken);
            if (suggestions.Count > 0)
            {
                return suggestions;
            }
        }

        return [];
    }

    /// <summary>The code pointed at a product that no longer exists: drop the mapping so the next scan asks PostgreSQL.</summary>
    private async Task<SkuLookupResult> ForgetStaleCodeAsync(ScannedCode scanned, CacheReadReport codeStep, CacheReadReport productStep)
    {
        await cache.EvictAsync(keys.Code(scanned.Code));
        return new SkuLookupResult(scanned.Code, SkuLookupStatus.NotFound, null, codeStep, productStep, [], NotFoundMessage(scanned));
    }

    private static string NotFoundMessage(ScannedCode scanned) =>
        scanned.IsGtin ? $"No item with barcode {scanned.Code}." : $"No item with SKU {scanned.Code}.";

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking up code {Code} in PostgreSQL failed")]
    private static partial void LogDatabaseFailed(ILogger logger, Exception exception, string code);
}
