using ProductBrowser.Catalog;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Components;

internal static class SampleReads
{
    public static readonly Guid ProductId = Guid.Parse("20000000-0000-0000-0000-000000000001");

    public static ProductDetails Product { get; } = new(
        ProductId, "HTL-0000001", "4000000000017", "Kestrel Heavy-Duty Claw Hammer, Yellow",
        "Heavy-duty claw hammer for site work.", 7, "Hand Tools", "Kestrel", 0.65m, 33.2m, 12.0m, 3.5m,
        UnitOfMeasure.Each, 1, "C-17-4",
        new DateTimeOffset(2023, 3, 1, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 2, 14, 5, 0, TimeSpan.Zero), 1234);

    public static ProductReadResult Hit(Guid id) => new(id, ProductReadStatus.Found, Product with { Id = id },
        new CacheReadReport(CacheOutcome.Hit, $"productbrowser:v1:product:{id}", 0.42, null, 0.61, TimeSpan.FromMinutes(42)));

    public static ProductReadResult Miss(Guid id) => new(id, ProductReadStatus.Found, Product with { Id = id },
        new CacheReadReport(CacheOutcome.Miss, $"productbrowser:v1:product:{id}", 0.8, 3.25, 4.4, TimeSpan.FromHours(1)));

    public static ProductReadResult Error(Guid id) => new(id, ProductReadStatus.Found, Product with { Id = id },
        new CacheReadReport(CacheOutcome.Error, $"productbrowser:v1:product:{id}", 0.1, 2.5, 2.8, null, "Redis is unavailable."));

    public static ProductReadResult NotFound(Guid id) => new(id, ProductReadStatus.NotFound, null,
        new CacheReadReport(CacheOutcome.Miss, $"productbrowser:v1:product:{id}", 0.3, 1.2, 1.6, null));

    public static ProductReadResult Unavailable(Guid id) => new(id, ProductReadStatus.Unavailable, null,
        new CacheReadReport(CacheOutcome.Miss, $"productbrowser:v1:product:{id}", 0.3, 30, 31, null));
}
