namespace ProductBrowser.Catalog.Changes;

/// <summary>
/// A change to the product table, as announced by PostgreSQL (<c>pg_notify</c>): one product with its old and new
/// codes, or <see cref="Everything"/> when a statement touched many rows (a bulk import) or changes may have been missed.
/// </summary>
public sealed record ProductChange(Guid? ProductId, IReadOnlyList<string> Codes)
{
    public static readonly ProductChange Everything = new(null, []);

    public bool IsEverything => ProductId is null;
}
