using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor;
using ProductBrowser.Admin;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Replication;
using ProductBrowser.Components.Products;
using ProductBrowser.Diagnostics;

namespace ProductBrowser.Components.Pages.Admin;

/// <summary><c>/admin/cache</c>: figures, Redis card, health (with the replica's lag), key inspector and the cache tools. Admins only.</summary>
public sealed partial class CacheDashboardPage : ComponentBase, IDisposable
{
    private static readonly TimeSpan ChartInterval = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _disposed = new();
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private IReadOnlyDictionary<string, string>? _info;
    private HealthReport? _health;
    private ReplicaLag? _replicaLag;
    private IReadOnlyList<KeyInspection>? _inspection;
    private string? _inspectInput;
    private string? _evictInput;
    private int _warmCount = 1_000;
    private int? _warming;
    private ConsistencySample? _sample;
    private bool _sampling;

    /// <summary>Entries compared per consistency check: enough to see a problem, few enough to take a moment.</summary>
    private const int SampleSize = 200;

    [Inject] private CacheStatistics Statistics { get; set; } = null!;
    [Inject] private CacheAdministration Administration { get; set; } = null!;
    [Inject] private ProductMemoryTier MemoryTier { get; set; } = null!;
    [Inject] private HealthCheckService Health { get; set; } = null!;
    [Inject] private ProductBrowser.Catalog.Changes.ChangeFeedStatus Feed { get; set; } = null!;
    [Inject] private CacheConsistencySampler Sampler { get; set; } = null!;
    [Inject] private ReplicaLagSampler ReplicaLag { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _ = RefreshLoopAsync();
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                await RefreshAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task RefreshAsync()
    {
        var timeline = Statistics.Timeline(ChartInterval);
        _labels = [.. timeline.Select((t, i) => i % 6 == 0 ? t.Start.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "")];
        _series =
        [
            new() { Name = "Hits", Data = new ChartData<double>([.. timeline.Select(t => (double)t.Hits)]) },
            new() { Name = "Misses", Data = new ChartData<double>([.. timeline.Select(t => (double)t.Misses)]) },
        ];
        _info = await Administration.GetServerInfoAsync();
        _health = await Health.CheckHealthAsync(_disposed.Token);
        // The health check has just measured it, unless a measurement younger than the interval was at hand.
        _replicaLag = await ReplicaLag.CurrentAsync(_disposed.Token);
    }

    private string FeedPosition() => !Feed.Running
        ? "off (Cache:ListenForChanges): entries live for their TTL"
        : Feed.LastAppliedAt is { } at
            ? $"applied up to change {Feed.Position.ToString("N0", CultureInfo.CurrentCulture)}, read {ProductFormat.Timestamp(at)}"
            : "starting";

    private string FeedBacklog() => Feed.FailingSince is { } since
        ? $"{Feed.Backlog.ToString("N0", CultureInfo.CurrentCulture)} changes, failing since {ProductFormat.Timestamp(since)}: {Feed.LastError}"
        : "none";

    private string FeedLag() => Feed.Lag() is { } lag
        ? $"p50 {lag.P50.ToString("N0", CultureInfo.CurrentCulture)} ms · p99 {lag.P99.ToString("N0", CultureInfo.CurrentCulture)} ms"
        : "no changes yet";

    private async Task SampleAsync()
    {
        _sampling = true;
        try
        {
            _sample = await Sampler.SampleAsync(SampleSize, _disposed.Token);
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            Snackbar.Add("The consistency check needs Redis and PostgreSQL; one of them did not answer.", Severity.Error);
        }
        finally
        {
            _sampling = false;
        }
    }

    private IEnumerable<(string Label, string Total, string Recent)> FigureRows()
    {
        var total = Statistics.SinceStart();
        var recent = Statistics.LastFiveMinutes();
        yield return ("Reads", N(total.Reads), N(recent.Reads));
        yield return ("Hits", N(total.Hits), N(recent.Hits));
        yield return ("Misses", N(total.Misses), N(recent.Misses));
        yield return ("Not found", N(total.NotFound), N(recent.NotFound));
        yield return ("Errors", N(total.Errors), N(recent.Errors));
        yield return ("Stale served", N(total.Stale), N(recent.Stale));
        yield return ("Hit ratio", Ratio(total.HitRatio), Ratio(recent.HitRatio));
        yield return ("Database queries saved", N(total.DatabaseQueriesSaved), N(recent.DatabaseQueriesSaved));
        yield return ("Hit p50 / p95", Pair(total.Latency.HitP50, total.Latency.HitP95), Pair(recent.Latency.HitP50, recent.Latency.HitP95));
        yield return ("Miss p50 / p95", Pair(total.Latency.MissP50, total.Latency.MissP95), Pair(recent.Latency.MissP50, recent.Latency.MissP95));

        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        static string Ratio(double? ratio) => ratio is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "—";

        static string Pair(double? p50, double? p95) =>
            p50 is null ? "—" : $"{ProductFormat.Milliseconds(p50)} / {ProductFormat.Milliseconds(p95)}";
    }

    private string Info(string name) => _info?.GetValueOrDefault(name) ?? "?";

    private string Uptime() =>
        long.TryParse(Info("uptime_in_seconds"), out var seconds) ? TimeSpan.FromSeconds(seconds).ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) : "?";

    private string KeyCount() => Administration.ProductKeyCount() is { } count
        ? $"{count.Count:N0} (counted {ProductFormat.Timestamp(count.At)})"
        : "counting…";

    private async Task InspectAsync()
    {
        _inspection = string.IsNullOrWhiteSpace(_inspectInput) ? [] : await Administration.InspectAsync(_inspectInput, _disposed.Token);
    }

    private async Task EvictAsync()
    {
        var id = await Administration.FindProductIdAsync(_evictInput, _disposed.Token);
        if (id is null)
        {
            Snackbar.Add("Enter a product id, or the SKU or barcode of an existing product.", Severity.Warning);
            return;
        }

        if (await ConfirmAsync("Evict product", $"Remove product {id} and its SKU entries from Redis? The next read loads it from PostgreSQL.", "Evict"))
        {
            await RecordedAsync("eviction", async user =>
            {
                await Administration.EvictAsync(id.Value, user, _disposed.Token);
                Snackbar.Add("Evicted. The next read is a MISS.", Severity.Success);
            });
        }
    }

    private async Task WarmAsync()
    {
        if (!await ConfirmAsync("Warm the cache", $"Read the first {_warmCount:N0} products (by name) into Redis?", "Warm"))
        {
            return;
        }

        _warming = 0;
        var progress = new Progress<int>(done => InvokeAsync(() =>
        {
            _warming = done;
            StateHasChanged();
        }));
        try
        {
            await RecordedAsync("warm-up", async user =>
            {
                var warmed = await Task.Run(() => Administration.WarmAsync(_warmCount, user, progress, _disposed.Token));
                Snackbar.Add($"Warmed {warmed:N0} products.", Severity.Success);
            });
        }
        finally
        {
            _warming = null;
        }
    }

    private async Task FlushAsync()
    {
        if (await ConfirmAsync("Flush the catalog cache",
                "Remove every key of this app (its prefix and format version only; nothing else in Redis) with SCAN and UNLINK? Reads go to PostgreSQL until the cache fills again.",
                "Flush"))
        {
            await RecordedAsync("flush", async user =>
            {
                var removed = await Administration.FlushAsync(user, _disposed.Token);
                Snackbar.Add($"Flushed {removed:N0} keys.", Severity.Success);
            });
        }
    }

    private async Task ResetAsync()
    {
        if (await ConfirmAsync("Reset counters", "Start this instance's figures again from zero?", "Reset"))
        {
            await RecordedAsync("counter reset", actor =>
            {
                Statistics.Reset();
                return Administration.RecordCountersResetAsync(actor);
            });
        }
    }

    /// <summary>Runs a tool as the signed-in admin; a tool that ran but could not be recorded in the audit trail says so.</summary>
    private async Task RecordedAsync(string name, Func<string, Task> tool)
    {
        try
        {
            await tool(await UserAsync());
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            Snackbar.Add($"PostgreSQL did not answer: the {name} may have run without a record in the audit trail.", Severity.Error);
        }
    }

    private async Task<bool> ConfirmAsync(string title, string message, string action) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: "Cancel") == true;

    private async Task<string> UserAsync() => (await Authentication).User.Identity?.Name ?? "?";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
