namespace ProductBrowser.ScaleOut;

/// <summary>
/// Set once this instance has begun to stop. From then on its Blazor hub answers 503, so a browser resuming a paused
/// circuit retries until nginx sends it to another instance, instead of resuming here and losing it again a moment later.
/// </summary>
public sealed class CircuitDraining
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public void Start() => _draining = true;
}
