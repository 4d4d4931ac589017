using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace ProductBrowser.ScaleOut;

/// <summary>
/// On a graceful stop (SIGTERM, a deployment), before the host closes any connection: asks every connected browser to
/// pause its circuit, so Blazor persists each circuit's <c>[PersistentState]</c> (to the browser, else to the shared
/// store) and the browser resumes it on another instance. .NET 10 persists a circuit only when the browser pauses it or
/// when a disconnected circuit is evicted, never at shutdown by itself; this asks for the first while there is time.
/// </summary>
public sealed partial class CircuitPauseOnShutdown(
    OpenCircuits open, CircuitDraining draining, IOptions<CircuitPersistenceOptions> options, ILogger<CircuitPauseOnShutdown> logger)
    : IHostedLifecycleService
{
    /// <summary>The browser function (Components/Layout/ReconnectModal.razor.js) that pauses and then resumes elsewhere.</summary>
    public const string PauseFunction = "productBrowserCircuit.pauseAndMove";

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // From now on this instance takes no new or resumed circuit: the browsers must land on another one.
        draining.Start();
        var browsers = open.Browsers;
        if (browsers.Count == 0)
        {
            return;
        }

        LogPausing(logger, browsers.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ShutdownPauseTimeout);
        await Task.WhenAll(browsers.Select(browser => AskToPauseAsync(browser, timeout.Token)));
        try
        {
            await open.WhenEmpty.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Those still connected lose their circuit as in a crash; their drafts (browser storage) remain.
            LogNotPaused(logger, open.Count);
        }
    }

    private async Task AskToPauseAsync(IJSRuntime browser, CancellationToken cancellationToken)
    {
        try
        {
            await browser.InvokeVoidAsync(PauseFunction, cancellationToken);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            LogPauseRefused(logger, ex.Message);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: asking {Count} connected browsers to pause their circuits")]
    private static partial void LogPausing(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Count} circuits did not pause in time and are lost")]
    private static partial void LogNotPaused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A browser could not be asked to pause: {Reason}")]
    private static partial void LogPauseRefused(ILogger logger, string reason);
}
