namespace ProductBrowser.Catalog.Replication;

/// <summary>
/// One measurement of how far the read replica is behind the primary. <see cref="Replay"/> is null when it could not be
/// told (<see cref="Problem"/> says why); zero when the replica has applied everything the primary had written.
/// </summary>
/// <param name="MeasuredAt">When the measurement was taken.</param>
/// <param name="Replay">Time since the last transaction the replica applied was committed, while WAL is still to apply.</param>
/// <param name="BehindBytes">WAL the primary had written that the replica had not applied.</param>
/// <param name="ReplayPaused">Replay was paused on the replica (<c>pg_wal_replay_pause()</c>).</param>
/// <param name="Problem">Why there is no figure: a server did not answer, or the replica is not a standby.</param>
public sealed record ReplicaLag(DateTimeOffset MeasuredAt, TimeSpan? Replay, long? BehindBytes, bool ReplayPaused, string? Problem = null);
