namespace ProductBrowser.Catalog;

/// <summary>The answer to "show me product X": the product (or why not) and how the read was served.</summary>
public sealed record ProductReadResult(Guid ProductId, ProductReadStatus Status, ProductDetails? Product, CacheReadReport Cache)
{
    public bool Found => Status == ProductReadStatus.Found;
}
