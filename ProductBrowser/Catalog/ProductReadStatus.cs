namespace ProductBrowser.Catalog;

public enum ProductReadStatus
{
    Found,
    NotFound,

    /// <summary>Neither the cache nor PostgreSQL could answer; the page says the catalog is temporarily unavailable.</summary>
    Unavailable,
}
