namespace ProductBrowser.LocalServers;

/// <summary>
/// A PostgreSQL primary and a hot standby that follows it by streaming replication, each on its own loopback port:
/// real replication, real lag. Replay on the standby can be paused to hold it behind the primary for as long as a test
/// needs, then resumed.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncDisposable
{
    private ReplicatedPostgres(PostgresServer primary, PostgresServer standby)
    {
        Primary = primary;
        Standby = standby;
    }

    public PostgresServer Primary { get; }

    public PostgresServer Standby { get; }

    /// <summary>Starts the primary in <c>{directory}/primary</c>, then a standby from its base backup in <c>{directory}/standby</c>.</summary>
    public static async Task<ReplicatedPostgres> StartAsync(string directory, bool throwaway, CancellationToken cancellationToken = default)
    {
        var primary = await PostgresServer.StartReplicationPrimaryAsync(Path.Combine(directory, "primary"), ServerPorts.Free(), throwaway, cancellationToken);
        try
        {
            var standby = await primary.StartStandbyAsync(Path.Combine(directory, "standby"), ServerPorts.Free(), cancellationToken);
            return new ReplicatedPostgres(primary, standby);
        }
        catch
        {
            await primary.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc cref="PostgresServer.PauseReplayAsync"/>
    public Task PauseReplayAsync(CancellationToken cancellationToken = default) => Standby.PauseReplayAsync(cancellationToken);

    /// <inheritdoc cref="PostgresServer.ResumeReplayAsync"/>
    public Task ResumeReplayAsync(CancellationToken cancellationToken = default) => Standby.ResumeReplayAsync(cancellationToken);

    /// <summary>Waits until the standby has received everything the primary has written so far (applied or not).</summary>
    public async Task WaitUntilReceivedAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await Standby.WaitForWalAsync(await Primary.WalPositionAsync(cancellationToken), replayed: false, timeout, cancellationToken);

    /// <summary>Waits until the standby has applied everything the primary has written so far.</summary>
    public async Task WaitUntilReplayedAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await Standby.WaitForWalAsync(await Primary.WalPositionAsync(cancellationToken), replayed: true, timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The standby first: stopped after its primary, it would keep retrying the connection until pg_ctl gives up.
        await Standby.DisposeAsync();
        await Primary.DisposeAsync();
    }
}
