using System.Collections.Concurrent;
using Microsoft.JSInterop;

namespace ProductBrowser.ScaleOut;

/// <summary>
/// The circuits connected to this instance right now, each with its browser's JavaScript runtime, so a stopping instance
/// can ask every browser to pause (<see cref="CircuitPauseOnShutdown"/>) and know when none is left.
/// </summary>
public sealed class OpenCircuits
{
    private readonly ConcurrentDictionary<string, IJSRuntime> _circuits = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource _empty = NewEmpty(completed: true);

    public int Count => _circuits.Count;

    public IReadOnlyCollection<IJSRuntime> Browsers => [.. _circuits.Values];

    /// <summary>Completes once no circuit is connected (at once when none is).</summary>
    public Task WhenEmpty => _empty.Task;

    internal void Add(string circuitId, IJSRuntime browser)
    {
        lock (_circuits)
        {
            _circuits[circuitId] = browser;
            if (_empty.Task.IsCompleted)
            {
                _empty = NewEmpty(completed: false);
            }
        }
    }

    internal void Remove(string circuitId)
    {
        lock (_circuits)
        {
            if (_circuits.TryRemove(circuitId, out _) && _circuits.IsEmpty)
            {
                _empty.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewEmpty(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }
}
