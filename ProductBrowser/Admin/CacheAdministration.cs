using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductBrowser.Audit;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Data;
using ProductBrowser.Domain;
using StackExchange.Redis;

namespace ProductBrowser.Admin;

/// <summary>
/// What the admin dashboard reads from Redis and does to it. Only ever touches this app's keys. Every tool is recorded in
/// the audit trail with the admin's name once it has done its work; when PostgreSQL cannot take the record, the tool
/// has still run and the exception says so.
/// </summary>
public sealed class CacheAdministration(
    RedisGateway redis,
    CacheKeys keys,
    ProductCacheInvalidator invalidator,
    IDbContextFactory<CatalogDbContext> dbFactory,
    IServiceScopeFactory scopes,
    AuditTrail audit,
    TimeProvider time)
{
    private static readonly TimeSpan CountRefresh = TimeSpan.FromSeconds(30);
    private readonly Lock _counting = new();
    private (long Count, DateTimeOffset At)? _productKeys;
    private Task? _countTask;

    public async Task<IReadOnlyDictionary<string, string>?> GetServerInfoAsync()
    {
        try
        {
            var info = await redis.OnAnyServerAsync("INFO", server => server.InfoAsync().WaitAsync(TimeSpan.FromSeconds(2)));
            return info?.SelectMany(group => group).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            return null;
        }
    }

    /// <summary>The number of product entries, counted with SCAN in the background at most every 30 s (never KEYS).</summary>
    public (long Count, DateTimeOffset At)? ProductKeyCount()
    {
        lock (_counting)
        {
            if ((_productKeys is null || time.GetUtcNow() - _productKeys.Value.At > CountRefresh) && _countTask is not { IsCompleted: false })
            {
                _countTask = Task.Run(CountProductKeysAsync);
            }

            return _productKeys;
        }
    }

    private async Task CountProductKeysAsync()
    {
        try
        {
            long count = 0;
            await redis.ForEachPrimaryAsync("SCAN", async (server, database) =>
            {
                await foreach (var _ in server.KeysAsync(database.Database, keys.ProductPattern, pageSize: 1_000))
                {
                    count++;
                }
            });

            lock (_counting)
            {
                _productKeys = (count, time.GetUtcNow());
            }
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            // The card shows the last count, with its time.
        }
    }

    /// <summary>The product a product id, SKU or barcode names, looked up in PostgreSQL; null when there is none.</summary>
    public async Task<Guid?> FindProductIdAsync(string? input, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(input?.Trim(), out var id))
        {
            return id;
        }

        if (SkuNormalizer.Normalize(input) is not { IsValid: true } code)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.Where(p => p.Sku == code.Code || p.Gtin == code.Code).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A product id or a SKU/barcode: what is cached under its keys (the code entry and the product entry).</summary>
    public async Task<IReadOnlyList<KeyInspection>> InspectAsync(string input, CancellationToken cancellationToken = default)
    {
        var keysToShow = new List<RedisKey>();
        if (!Guid.TryParse(input.Trim(), out _) && SkuNormalizer.Normalize(input) is { IsValid: true } code)
        {
            keysToShow.Add(keys.Code(code.Code));
        }

        if (await FindProductIdAsync(input, cancellationToken) is { } productId)
        {
            keysToShow.Add(keys.Product(productId));
        }

        var result = new List<KeyInspection>();
        foreach (var key in keysToShow)
        {
            var value = await redis.RunAsync("GET", database => database.StringGetWithExpiryAsync(key));
            result.Add(value.Value.IsNull
                ? new KeyInspection(key!, false, null, 0, null)
                : Inspected(key!, value.Expiry, (byte[])value.Value!));
        }

        return result;
    }

    /// <summary>Evicts one product and its SKU and barcode entries.</summary>
    public async Task<bool> EvictAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var codes = await db.Products.Where(p => p.Id == id).Select(p => new { p.Sku, p.Gtin }).SingleOrDefaultAsync(cancellationToken);
        string[] codeList = codes is null ? [] : [codes.Sku, .. codes.Gtin is null ? Array.Empty<string>() : [codes.Gtin]];
        await invalidator.EvictAsync(id, codeList);
        await audit.RecordAsync(actor, AuditAction.Evict, id, codes?.Sku, codes is null ? "not in the catalog" : null, CancellationToken.None);
        return codes is not null;
    }

    /// <summary>
    /// Reads the first <paramref name="count"/> products (by name) through the cache, reporting progress. Recorded with
    /// how many were read, also when it is stopped part way.
    /// </summary>
    public async Task<int> WarmAsync(int count, string actor, IProgress<int> progress, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Products.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(count).Select(p => p.Id).ToListAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        var done = 0;
        try
        {
            foreach (var productId in ids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await reads.GetProductAsync(productId, cancellationToken);
                if (++done % 50 == 0 || done == ids.Count)
                {
                    progress.Report(done);
                }
            }
        }
        finally
        {
            // Recorded whatever stopped it: the page closing cancels the token, not the record.
            await audit.RecordAsync(actor, AuditAction.Warm,
                detail: string.Create(CultureInfo.InvariantCulture, $"{done} of the first {count} products by name"),
                cancellationToken: CancellationToken.None);
        }

        return done;
    }

    /// <summary>Removes every key of this app (never anything else in Redis); returns how many.</summary>
    public async Task<long> FlushAsync(string actor, CancellationToken cancellationToken)
    {
        var removed = await invalidator.FlushAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditAction.Flush, detail: string.Create(CultureInfo.InvariantCulture, $"{removed} keys"),
            cancellationToken: CancellationToken.None);
        return removed;
    }

    /// <summary>Records that an admin started this instance's dashboard figures again from zero (the record names the instance).</summary>
    public Task RecordCountersResetAsync(string actor) =>
        audit.RecordAsync(actor, AuditAction.ResetCounters, cancellationToken: CancellationToken.None);

    private static KeyInspection Inspected(string key, TimeSpan? expiry, byte[] stored)
    {
        if (!VersionedValue.TryDecode(stored, out var version, out var json))
        {
            return new KeyInspection(key, true, expiry, stored.Length, System.Text.Encoding.UTF8.GetString(stored));
        }

        return json.IsEmpty
            ? new KeyInspection(key, false, expiry, stored.Length, $"(tombstone: changed at revision {version}; nothing older is stored)")
            : new KeyInspection(key, true, expiry, stored.Length, $"revision {version}\n{Pretty(json.ToArray())}");
    }

    private static string Pretty(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, IndentedJson);
        }
        catch (JsonException)
        {
            return System.Text.Encoding.UTF8.GetString(json);
        }
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };
}

public sealed record KeyInspection(string Key, bool Cached, TimeSpan? TimeToLive, int SizeBytes, string? Json);
