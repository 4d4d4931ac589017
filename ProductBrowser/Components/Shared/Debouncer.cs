namespace ProductBrowser.Components.Shared;

/// <summary>
/// Runs an action once input has been quiet for a while (typing in a search box): each call cancels the one before.
/// Owned by one component and used on its render thread.
/// </summary>
public sealed class Debouncer : IDisposable
{
    private CancellationTokenSource? _pending;

    /// <summary>Waits <paramref name="delay"/>, then runs <paramref name="action"/> unless another call came meanwhile.</summary>
    public async Task RunAsync(TimeSpan delay, Func<Task> action)
    {
        var pending = Restart();
        try
        {
            await Task.Delay(delay, pending.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await action();
    }

    /// <summary>Runs <paramref name="action"/> now, dropping a pending one (Enter pressed, field left).</summary>
    public Task RunNow(Func<Task> action)
    {
        Restart();
        return action();
    }

    private CancellationTokenSource Restart()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = new CancellationTokenSource();
        return _pending;
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }
}
