using System.Globalization;
using Microsoft.AspNetCore.Components;
using ProductBrowser.Catalog.Replication;

namespace ProductBrowser.Components.Caching;

public sealed partial class ReplicaLagRow : ComponentBase
{
    /// <summary>Whether catalog reads go to a replica (<c>ConnectionStrings:CatalogReplica</c>).</summary>
    [Parameter] public bool Configured { get; set; }

    /// <summary>The latest measurement; null before the first.</summary>
    [Parameter] public ReplicaLag? Lag { get; set; }

    internal static string Describe(bool configured, ReplicaLag? lag) => (configured, lag) switch
    {
        (false, _) => "no replica configured: catalog reads use the primary",
        (true, null) => "measuring…",
        (true, { Replay: { } replay }) => string.Create(CultureInfo.InvariantCulture,
            $"{replay.TotalSeconds:0.0} s ({lag.BehindBytes:N0} bytes of WAL to apply{(lag.ReplayPaused ? ", replay paused" : "")})"),
        (true, _) => $"unknown: {lag.Problem}",
    };
}
