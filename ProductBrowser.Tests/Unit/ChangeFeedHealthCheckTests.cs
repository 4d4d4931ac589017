using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Changes;
using ProductBrowser.Diagnostics;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Unit;

public sealed class ChangeFeedHealthCheckTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ChangeFeedStatus _status;
    private readonly ChangeFeedHealthCheck _check;

    public ChangeFeedHealthCheckTests()
    {
        _status = new ChangeFeedStatus(_time, new CatalogMetrics(new TestMeterFactory()));
        _check = new ChangeFeedHealthCheck(_status, _time);
        _status.Started();
        // Changes recorded before the feed started are catch-up, not lag: these tests' changes come after.
        _time.Advance(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task ChangesAppliedPromptlyAreHealthy()
    {
        _status.Applied(41, [Change(recordedAgo: TimeSpan.FromMilliseconds(30))]);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("41", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesPendingPastTheBoundAreDegraded()
    {
        _status.Failed(12, "Redis is unavailable.");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);

        _time.Advance(ChangeFeedHealthCheck.Bound + TimeSpan.FromSeconds(1));
        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("12 catalog changes not applied", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowInvalidationsAreDegraded()
    {
        _status.Applied(7, [.. Enumerable.Range(0, 10).Select(_ => Change(recordedAgo: TimeSpan.FromSeconds(5)))]);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("p99", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatchingUpOnChangesMadeBeforeTheStartIsNotLag()
    {
        _status.Applied(5, [new CatalogChange(Guid.NewGuid(), null, 1, [], [], _time.GetUtcNow() - TimeSpan.FromHours(1))]);

        Assert.Null(_status.Lag());
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
    }

    [Fact]
    public async Task SlowInvalidationsOlderThanFiveMinutesNoLongerCount()
    {
        _status.Applied(7, [.. Enumerable.Range(0, 10).Select(_ => Change(recordedAgo: TimeSpan.FromSeconds(5)))]);
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(_status.Lag());
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
    }

    [Fact]
    public async Task RecoveryAfterAnOutageIsHealthyAgain()
    {
        _status.Failed(3, "Redis is unavailable.");
        _time.Advance(TimeSpan.FromSeconds(10));

        _status.Applied(9, [Change(recordedAgo: TimeSpan.FromMilliseconds(100))]);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
        Assert.Equal(0, _status.Backlog);
    }

    private Task<HealthCheckResult> CheckAsync() => _check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

    private CatalogChange Change(TimeSpan recordedAgo) =>
        new(Guid.NewGuid(), null, 1, [], [], _time.GetUtcNow() - recordedAgo);
}
