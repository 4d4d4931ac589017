namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// The Redis failover tests run alone, after the parallel collections: a cluster decides a primary is dead after one
/// second without an answer, and the failover times they report mean more without other tests taking the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisFailoverCollection
{
    public const string Name = "Redis failover";
}
