using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Product reads from a few concurrent readers, each with a scope of its own as a circuit has, paced (one read per
/// reader every <see cref="Pace"/>) so that the load does not starve the servers it measures on a two-core machine.
/// Every read is recorded: when it started, how long it took, how it was served and what it returned, or what it threw.
/// </summary>
public sealed class ReadLoad : IAsyncDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentQueue<ReadSample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task[] _readers;

    public ReadLoad(CatalogServices services, IReadOnlyList<Guid> ids, int readers = 4) =>
        _readers = [.. Enumerable.Range(0, readers).Select(reader => Task.Run(() => ReadAsync(services, ids, reader)))];

    /// <summary>Time since the load started, on the clock the samples use.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public int Count => _samples.Count;

    public IReadOnlyList<ReadSample> Samples => [.. _samples];

    public async Task<IReadOnlyList<ReadSample>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        return Samples;
    }

    private async Task ReadAsync(CatalogServices services, IReadOnlyList<Guid> ids, int reader)
    {
        await using var scope = services.Services.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<IProductQueryService>();
        using var pace = new PeriodicTimer(Pace);
        for (var n = reader; !_stop.IsCancellationRequested; n++)
        {
            var id = ids[n % ids.Count];
            var started = _clock.Elapsed;
            try
            {
                var read = await reads.GetProductAsync(id, CancellationToken.None);
                _samples.Enqueue(new ReadSample(started, (_clock.Elapsed - started).TotalMilliseconds, id, read.Status, read.Cache.Outcome,
                    read.Product?.Name, null));
            }
            catch (Exception ex)
            {
                _samples.Enqueue(new ReadSample(started, (_clock.Elapsed - started).TotalMilliseconds, id, null, null, null, ex));
            }

            try
            {
                await pace.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}

/// <summary>One read of a <see cref="ReadLoad"/>: a failed read has no product to show (unavailable, or it threw).</summary>
public sealed record ReadSample(TimeSpan Started, double Milliseconds, Guid Id, ProductReadStatus? Status, CacheOutcome? Outcome, string? Name, Exception? Failure)
{
    public bool Failed => Failure is not null || Status != ProductReadStatus.Found;
}
