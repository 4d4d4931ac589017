namespace ProductBrowser.Catalog.Lookup;

public interface ISkuLookupService
{
    /// <summary>Looks up raw scanner or keyboard input. Never throws for bad input or outages.</summary>
    Task<SkuLookupResult> LookupAsync(string? input, CancellationToken cancellationToken = default);
}
