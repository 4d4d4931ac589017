using Microsoft.Extensions.Time.Testing;
using ProductBrowser.Caching;

namespace ProductBrowser.Tests.Unit;

public sealed class InFlightLoadsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InFlightLoads<int, int> _loads;
    private int _started;

    public InFlightLoadsTests() => _loads = new InFlightLoads<int, int>(TimeSpan.FromSeconds(2), _time);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMissWhoseReadBeganBeforeALoadFinishedSharesItEvenIfItArrivesLate()
    {
        var readBegan = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var first = await _loads.RunAsync(1, _time.GetTimestamp(), LoadAsync, Cancellation);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        // Its cache read was sent before the first load's fill, so it missed; it arrives after the load finished.
        var late = await _loads.RunAsync(1, readBegan, LoadAsync, Cancellation);

        Assert.Equal(1, _started);
        Assert.False(first.Shared);
        Assert.True(late.Shared);
        Assert.Equal(first.Result, late.Result);
    }

    [Fact]
    public async Task AMissWhoseReadBeganAfterALoadFinishedLoadsAgain()
    {
        await _loads.RunAsync(1, _time.GetTimestamp(), LoadAsync, Cancellation);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var later = await _loads.RunAsync(1, _time.GetTimestamp(), LoadAsync, Cancellation);

        Assert.Equal(2, _started);
        Assert.False(later.Shared);
    }

    [Fact]
    public async Task AMissWhoseReadBeganAtTheSameTickAsTheFinishLoadsAgain()
    {
        // A frozen clock (or the same tick): the read cannot be shown to precede the fill, so it does not reuse the load.
        await _loads.RunAsync(1, _time.GetTimestamp(), LoadAsync, Cancellation);

        var again = await _loads.RunAsync(1, _time.GetTimestamp(), LoadAsync, Cancellation);

        Assert.Equal(2, _started);
        Assert.False(again.Shared);
    }

    [Fact]
    public async Task ConcurrentMissesShareOneRunningLoad()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readBegan = _time.GetTimestamp();
        var owner = _loads.RunAsync(1, readBegan, () => { Interlocked.Increment(ref _started); return gate.Task; }, Cancellation);
        var waiters = Enumerable.Range(0, 10).Select(_ => _loads.RunAsync(1, readBegan, LoadAsync, Cancellation)).ToArray();

        gate.SetResult(42);
        var results = await Task.WhenAll(waiters);

        Assert.Equal(1, _started);
        Assert.Equal(42, (await owner).Result);
        Assert.All(results, r => Assert.Equal((42, true), r));
    }

    private Task<int> LoadAsync() => Task.FromResult(Interlocked.Increment(ref _started));
}
