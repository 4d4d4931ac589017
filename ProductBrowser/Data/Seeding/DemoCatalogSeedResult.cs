namespace ProductBrowser.Data.Seeding;

public sealed record DemoCatalogSeedResult(int ProductCount, long Inserted, TimeSpan Elapsed);
