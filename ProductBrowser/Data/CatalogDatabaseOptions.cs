namespace ProductBrowser.Data;

/// <summary>Where the catalog lives. Bound from <c>ConnectionStrings:Catalog</c> (env: <c>ConnectionStrings__Catalog</c>).</summary>
public sealed class CatalogDatabaseOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Optional read replica for catalog reads (<c>ConnectionStrings:CatalogReplica</c>); empty means the primary.
    /// Writes, migrations, seeding and the change feed always use <see cref="ConnectionString"/>.
    /// </summary>
    public string ReplicaConnectionString { get; set; } = "";

    /// <summary>
    /// How far the replica may lag: a changed product is evicted from the cache again this long after the change, so a
    /// read that refilled the cache from a lagging replica in between does not stay for a whole TTL.
    /// </summary>
    public TimeSpan ReplicaMaxLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Apply pending EF migrations when the app starts. Turn off where a release step migrates instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How many times start-up tries to reach PostgreSQL, 2 s apart, before giving up with a message (a server started
    /// alongside the app may need a moment).
    /// </summary>
    public int StartupAttempts { get; set; } = 15;
}
