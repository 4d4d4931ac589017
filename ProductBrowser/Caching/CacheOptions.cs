using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.Caching;

/// <summary>Bound from the <c>Cache</c> section; the Redis address comes from <c>ConnectionStrings:Redis</c>.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Every key this app writes starts with this, so a flush or a format change never touches anything else.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_.-]{0,39}$",
        ErrorMessage = "Cache:KeyPrefix must be 1-40 lower-case letters, digits, '.', '_' or '-'.")]
    public string KeyPrefix { get; set; } = "productbrowser";

    /// <summary>How long a product stays in Redis after a miss loaded it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Cache:ProductTtl must be between 1 second and 7 days.")]
    public TimeSpan ProductTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an unknown SKU or barcode is remembered, so a misread scanned over and over does not reach PostgreSQL
    /// each time; short, so a product created meanwhile shows up soon.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Cache:NotFoundTtl must be between 1 second and 1 hour.")]
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on one Redis call; past it the read goes to PostgreSQL and reports a cache error.</summary>
    [Range(50, 10_000)]
    public int OperationTimeoutMilliseconds { get; set; } = 500;
}
