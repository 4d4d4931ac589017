namespace ProductBrowser.Catalog.Changes;

/// <summary>
/// One row of the durable change feed (<c>catalog_changes</c>): a product (with its old and new codes and categories)
/// or a category changed at <paramref name="Revision"/>. Applying one twice, or an older one after a newer, is harmless.
/// <paramref name="SettledInsert"/>: a product inserted so long ago that nothing about it can still be cached (before
/// it existed only "not found" entries could be, and those and any fill racing them have expired): only its category's
/// related lists need telling.
/// </summary>
public sealed record CatalogChange(
    Guid? ProductId, int? CategoryId, long Revision, IReadOnlyList<string> Codes, IReadOnlyList<int> Categories,
    DateTimeOffset RecordedAt = default, bool SettledInsert = false);
