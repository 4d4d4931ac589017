using ProductBrowser.Domain;

namespace ProductBrowser.Data;

/// <summary>
/// A pack of a product (inner pack, case, pallet) with the GTIN-14 printed on its label and how many base units it holds.
/// Part of the product: a change here gives the product a new revision (a trigger), so its cache entries are replaced.
/// </summary>
public class ProductPack
{
    public long Id { get; set; }

    public Guid ProductId { get; set; }

    public Product Product { get; set; } = null!;

    public PackLevel Level { get; set; }

    /// <summary>GTIN-14 whose indicator digit (1-8) marks a pack level: never the same as a base unit's GTIN-13.</summary>
    public required string Gtin { get; set; }

    /// <summary>Base units in the pack (a case of 12, a pallet of 480).</summary>
    public int Quantity { get; set; }
}
