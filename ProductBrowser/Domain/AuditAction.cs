namespace ProductBrowser.Domain;

/// <summary>What an audit event records. Stored as the text of <see cref="AuditActions"/>; the triggers write the same words.</summary>
public enum AuditAction
{
    /// <summary>A product was inserted.</summary>
    Create,

    /// <summary>A product's values or its packs changed.</summary>
    Edit,

    /// <summary>A product was deleted.</summary>
    Delete,

    /// <summary>An admin evicted a product's cache entries.</summary>
    Evict,

    /// <summary>An admin read products into the cache.</summary>
    Warm,

    /// <summary>An admin removed every cache key of the app.</summary>
    Flush,

    /// <summary>An admin reset an instance's cache figures.</summary>
    ResetCounters,
}
