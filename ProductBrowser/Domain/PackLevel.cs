namespace ProductBrowser.Domain;

/// <summary>A level of a product's packaging hierarchy above the base unit, each with a GTIN of its own.</summary>
public enum PackLevel
{
    Inner,
    Case,
    Pallet,
}
