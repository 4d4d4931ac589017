namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// The camera tests run alone, after the parallel collections: a playing video decoded ten times a second is real CPU
/// on a two-core machine, which slowed the 100 000-row freshness test past its database timeout when both ran at once,
/// and the decode times they report mean more on a quiet machine. They get an app server of their own (its own Redis
/// key prefix), so what they look up is never in another test's cache.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CameraCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Camera";
}
