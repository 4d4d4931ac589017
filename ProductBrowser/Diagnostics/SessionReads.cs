using ProductBrowser.Catalog;

namespace ProductBrowser.Diagnostics;

/// <summary>The last product reads of one user session (one Blazor circuit), newest first, for the cache panel.</summary>
public sealed class SessionReads
{
    public const int Capacity = 20;
    private readonly LinkedList<ProductReadResult> _reads = new();
    private readonly Lock _lock = new();

    public IReadOnlyList<ProductReadResult> Recent
    {
        get
        {
            lock (_lock)
            {
                return [.. _reads];
            }
        }
    }

    public void Add(ProductReadResult read)
    {
        lock (_lock)
        {
            _reads.AddFirst(read);
            while (_reads.Count > Capacity)
            {
                _reads.RemoveLast();
            }
        }
    }
}
