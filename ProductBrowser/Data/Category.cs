namespace ProductBrowser.Data;

public class Category
{
    public int Id { get; set; }

    /// <summary>Three-letter code that also prefixes the SKUs of demo items, for example <c>TOO</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>From the same sequence as <see cref="Product.Revision"/>: products embed the category name.</summary>
    public long Revision { get; set; }

    public List<Product> Products { get; set; } = [];
}
