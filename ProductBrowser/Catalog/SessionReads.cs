namespace ProductBrowser.Catalog;

/// <summary>The last product reads of one user session (one Blazor circuit), newest first, for the cache panel.</summary>
public sealed class SessionReads
{
    public const int Capacity = 20;
    private readonly ProductReadResult[] _reads = new ProductReadResult[Capacity];
    private readonly Lock _lock = new();
    private int _count;
    private int _next;

    public IReadOnlyList<ProductReadResult> Recent
    {
        get
        {
            lock (_lock)
            {
                var recent = new ProductReadResult[_count];
                for (var i = 0; i < _count; i++)
                {
                    recent[i] = _reads[(_next - 1 - i + Capacity) % Capacity];
                }

                return recent;
            }
        }
    }

    /// <summary>Remembers a read, forgetting the oldest past <see cref="Capacity"/> (a ring: nothing allocated per read).</summary>
    public void Add(ProductReadResult read)
    {
        lock (_lock)
        {
            _reads[_next] = read;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }
}
