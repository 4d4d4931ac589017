using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.JSInterop;

namespace ProductBrowser.ScaleOut;

/// <summary>Keeps <see cref="OpenCircuits"/> up to date: a circuit counts while its browser is connected.</summary>
public sealed class OpenCircuitsHandler(OpenCircuits open, IJSRuntime browser) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.Add(circuit.Id, browser);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.Remove(circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.Remove(circuit.Id);
        return Task.CompletedTask;
    }
}
