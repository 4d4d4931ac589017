namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// The camera tests run alone, after the parallel collections: a playing video decoded ten times a second is real CPU
/// on a two-core machine, taken from whatever runs beside it, and the decode times the tests report mean more without
/// other tests beside them. They get an app server of their own (its own Redis key prefix), so what they look up is
/// never in another test's cache.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CameraCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Camera";
}
