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

    /// <summary>Apply pending EF migrations when the app starts. Turn off where a release step migrates instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// How many times start-up tries to reach PostgreSQL, 2 s apart, before giving up with a message (a server started
    /// alongside the app may need a moment).
    /// </summary>
    public int StartupAttempts { get; set; } = 15;

    /// <summary>How often the replica's lag behind the primary is measured (<c>Database:ReplicaLagInterval</c>), when there is a replica.</summary>
    public TimeSpan ReplicaLagInterval { get; set; } = TimeSpan.FromSeconds(5);
}
