namespace ProductBrowser.Caching;

public sealed class RedisConnectionOptions
{
    public string ConnectionString { get; set; } = "";
}
