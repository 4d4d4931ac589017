using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Components.Lookup;
using ProductBrowser.Components.Products;

namespace ProductBrowser.Components.Pages.Lookup;

/// <summary>
/// <c>/lookup</c>: the warehouse screen. The browser takes each scan at its terminator, empties the input and sends
/// the scan here once (<see cref="OnScanned"/>), without waiting for earlier answers; scans are looked up one after
/// another in the order taken, and each answer is one render: about one network round trip from scan to item. A
/// repeat of the same scan within <see cref="ScanningOptions.DuplicateWindow"/> (on the device's clock) is dropped.
/// </summary>
public sealed partial class SkuLookupPage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly ScanLog _log = new();
    private ElementReference _input;
    private ElementReference _button;
    private ElementReference _pending;
    private IJSObjectReference? _module;
    private IJSObjectReference? _attachment;
    private DotNetObjectReference<SkuLookupPage>? _self;
    private ScanDeduplicator _deduplicator = null!;
    private ScanRecord? _current;
    private IReadOnlyList<RecentLookup> _recent = [];
    private Task _inTurn = Task.CompletedTask;
    private int _lastSequence;
    private bool _ready;

    [Inject]
    private ISkuLookupService Lookup { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private ILogger<SkuLookupPage> Logger { get; set; } = null!;

    [Inject]
    private IOptions<ScanningOptions> Options { get; set; } = null!;

    /// <summary>The answer on screen: that of the latest scan whose lookup has finished.</summary>
    private SkuLookupResult? Shown => _current?.Result;

    private string Announcement => Shown switch
    {
        { Status: SkuLookupStatus.Found, Product: { } p } => $"Found {p.Sku}: {p.Name}, bin {p.BinLocation}.",
        { Message: { } message } => message,
        _ => "",
    };

    protected override void OnInitialized() => _deduplicator = new ScanDeduplicator(Options.Value.DuplicateWindow);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, "./Components/Pages/Lookup/SkuLookupPage.razor.js");
        _self = DotNetObjectReference.Create(this);
        _attachment = await _module.InvokeAsync<IJSObjectReference>("attach", _disposed.Token,
            _input, _button, _pending, _self, new { suffix = Options.Value.Suffix });
        _recent = await _module.InvokeAsync<RecentLookup[]?>("loadRecent", _disposed.Token) ?? [];
        _ready = true;
        StateHasChanged();
    }

    /// <summary>
    /// Called from the browser once per scan, numbered in the order taken, with the device's time of the scan. Returns
    /// the device's recent lookups when they changed, for the browser to keep (no call back to the browser, which would
    /// cost a round trip before the answer shows).
    /// </summary>
    [JSInvokable]
    public Task<IReadOnlyList<RecentLookup>?> OnScanned(int sequence, string? input, double capturedAtMilliseconds)
    {
        if (sequence <= _lastSequence)
        {
            // Sent again after a reconnect although it arrived the first time.
            return Task.FromResult<IReadOnlyList<RecentLookup>?>(null);
        }

        _lastSequence = sequence;
        if (!_deduplicator.ShouldLookUp((input ?? "").Trim(), capturedAtMilliseconds))
        {
            return Task.FromResult<IReadOnlyList<RecentLookup>?>(null);
        }

        return InTurn(_log.Add(sequence, input), input);
    }

    /// <summary>A tap on a suggestion or a recent item: looked up after the scans already queued.</summary>
    private async Task LookUpTappedAsync(string sku)
    {
        var recent = await InTurn(_log.Add(0, sku), sku);
        if (_module is null)
        {
            return;
        }

        if (recent is not null)
        {
            await _module.InvokeVoidAsync("saveRecent", _disposed.Token, recent);
        }

        await _module.InvokeVoidAsync("focusInput", _disposed.Token, _input);
    }

    private Task<IReadOnlyList<RecentLookup>?> InTurn(ScanRecord record, string? input)
    {
        var lookup = LookUpAfterAsync(_inTurn, record, input);
        _inTurn = lookup;
        return lookup;
    }

    private async Task<IReadOnlyList<RecentLookup>?> LookUpAfterAsync(Task previous, ScanRecord record, string? input)
    {
        await previous;
        try
        {
            record.Result = await Lookup.LookupAsync(input, _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            // Never let one failed lookup stop the scans queued behind it.
            Logger.LogError(ex, "Lookup of scan {Sequence} failed", record.Sequence);
            record.Result = SkuLookupResult.Failed("That scan could not be looked up. Scan it again.");
        }

        _current = record;
        IReadOnlyList<RecentLookup>? recent = null;
        if (record.Result is { Status: SkuLookupStatus.Found, Product: { } product })
        {
            recent = _recent = RecentLookups.Add(_recent, new RecentLookup(product.Sku, product.Name));
        }

        StateHasChanged();
        return recent;
    }

    private static string State(SkuLookupResult? result) => result?.Status switch
    {
        null => "pending",
        SkuLookupStatus.Found => "found",
        SkuLookupStatus.NotFound => "not-found",
        SkuLookupStatus.Invalid => "invalid",
        _ => "unavailable",
    };

    private static string Timing(SkuLookupResult result)
    {
        var total = (result.CodeStep?.TotalMilliseconds ?? 0) + (result.ProductStep?.TotalMilliseconds ?? 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"Code: {Label(result.CodeStep)} · Product: {Label(result.ProductStep)} · {ProductFormat.Milliseconds(total)}");

        static string Label(CacheReadReport? step) => step?.Outcome switch
        {
            CacheOutcome.Hit => "cache hit",
            CacheOutcome.Memory => "in memory",
            CacheOutcome.Miss => "cache miss",
            CacheOutcome.Error => "cache error",
            _ => "—",
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        try
        {
            if (_attachment is not null)
            {
                await _attachment.InvokeVoidAsync("dispose");
                await _attachment.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is everything the browser held for it.
        }

        _self?.Dispose();
        _disposed.Dispose();
    }
}
