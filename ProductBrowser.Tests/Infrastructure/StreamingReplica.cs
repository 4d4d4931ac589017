using Npgsql;
using ProductBrowser.LocalServers;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// A primary and a hot standby streaming from it, for one test class: started once, replay resumed and caught up
/// before each test (<see cref="ResetAsync"/>), so a test that paused it leaves nothing behind.
/// </summary>
public sealed class StreamingReplica(TestServers servers) : IAsyncLifetime
{
    private ReplicatedPostgres? _servers;

    public ReplicatedPostgres Servers => _servers ?? throw new InvalidOperationException("The replicated servers have not started.");

    /// <summary>The demo catalog on the primary: writes, the change feed.</summary>
    public string Primary => Servers.Primary.ConnectionString("catalog");

    /// <summary>The same database on the standby (read-only): <c>ConnectionStrings:CatalogReplica</c>.</summary>
    public string Replica => Servers.Standby.ConnectionString("catalog");

    public async ValueTask InitializeAsync() => _servers = await servers.StartReplicatedPostgresAsync(products: 40);

    /// <summary>Replay running and the standby caught up with the primary.</summary>
    public async Task ResetAsync()
    {
        await Servers.ResumeReplayAsync();
        await Servers.WaitUntilReplayedAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (_servers is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _servers.DisposeAsync();
        }
    }
}
