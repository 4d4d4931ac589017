using ProductBrowser.Catalog;

namespace ProductBrowser.Tests.Components;

/// <summary>Answers with a prepared read, as the real service would report it.</summary>
internal sealed class FakeProductQueryService(Func<Guid, ProductReadResult> answer) : IProductQueryService
{
    public List<Guid> Requested { get; } = [];

    public Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default)
    {
        Requested.Add(id);
        return Task.FromResult(answer(id));
    }
}
