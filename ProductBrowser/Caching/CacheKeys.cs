using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ProductBrowser.Caching;

/// <summary>The one place Redis keys are built: <c>{prefix}:v{FormatVersion}:product:{id}</c>.</summary>
public sealed class CacheKeys(IOptions<CacheOptions> options)
{
    /// <summary>Bump when the cached JSON changes shape: old entries are then simply never read again and expire.</summary>
    public const int FormatVersion = 3;

    private readonly string _root = $"{options.Value.KeyPrefix}:v{FormatVersion}:";

    public RedisKey Product(Guid id) => WithId("product:", id);

    /// <summary>Where a scanned SKU or barcode points: a product id, or a short-lived "no such code" entry.</summary>
    public RedisKey Code(string normalizedCode) => _root + "code:" + normalizedCode;

    /// <summary>The products shown beside a product (same category, next by name); expires with it.</summary>
    public RedisKey Related(Guid productId) => WithId("related:", productId);

    /// <summary>
    /// A counter per category, raised by the change feed whenever a product of the category changes: a related list is
    /// valid only while the counter still has the value it was filled at. Outside the versioned entries, so a flush
    /// never resets it (a reset counter could climb back to an old list's value).
    /// </summary>
    public RedisKey RelatedEpoch(int categoryId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{options.Value.KeyPrefix}:related-epoch:{categoryId}");

    /// <summary>A SCAN pattern matching every product entry of this app and format.</summary>
    public string ProductPattern => _root + "product:*";

    /// <summary>
    /// Where this cache's change-feed cursor is kept: the snapshot of the last changes applied to these entries. Beside
    /// them, so an emptied Redis and a missing cursor go together.
    /// </summary>
    public RedisKey ChangeFeedCursor => _root + "change-feed-cursor";

    /// <summary>The pub/sub channel on which instances tell each other to drop in-memory products.</summary>
    public string MemoryTierChannel => _root + "memory-evictions";

    /// <summary>A SCAN pattern matching every entry of this app and format (products, codes, related lists).</summary>
    public string AllPattern => _root + "*";

    /// <summary>Root, kind and id in one string allocation (keys are built on every read).</summary>
    private string WithId(string kind, Guid id) => string.Create(_root.Length + kind.Length + 36, (_root, kind, id), static (span, state) =>
    {
        state._root.AsSpan().CopyTo(span);
        state.kind.AsSpan().CopyTo(span[state._root.Length..]);
        state.id.TryFormat(span[(state._root.Length + state.kind.Length)..], out _, "D");
    });
}
