namespace ProductBrowser.Domain;

/// <summary>How an item is counted and handled. Stored as text so the database stays readable.</summary>
public enum UnitOfMeasure
{
    Each,
    Pack,
    Case,
    Pallet,
    Roll,
    Meter,
}
