namespace ProductBrowser.Data;

/// <summary>Where the catalog lives. Bound from <c>ConnectionStrings:Catalog</c> (env: <c>ConnectionStrings__Catalog</c>).</summary>
public sealed class CatalogDatabaseOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending EF migrations when the app starts. Turn off where a release step migrates instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
