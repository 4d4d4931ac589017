namespace ProductBrowser.Catalog.Editing;

public enum ProductSaveStatus
{
    Saved,

    /// <summary>Some fields are wrong; <see cref="ProductSaveResult.Errors"/> says which and why.</summary>
    Invalid,

    /// <summary>Someone saved the product since it was read; <see cref="ProductSaveResult.Current"/> holds their values.</summary>
    Conflict,
    NotFound,
    Unavailable,
}

public sealed record ProductSaveResult(
    ProductSaveStatus Status,
    ProductDetails? Current,
    IReadOnlyDictionary<string, string> Errors)
{
    public static ProductSaveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(ProductSaveStatus.Invalid, null, errors);
}
