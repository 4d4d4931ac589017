using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Components.Lookup;
using ProductBrowser.Components.Products;

namespace ProductBrowser.Components.Pages.Lookup;

/// <summary>
/// <c>/lookup</c>: the warehouse screen. One large input that always has focus; a scan (keystrokes ending in Enter or
/// Tab) is one call to the server, handled by <see cref="OnScanned"/>; a repeat of the same code within
/// <see cref="ScanDeduplicator.DefaultWindow"/> is ignored.
/// </summary>
public sealed partial class SkuLookupPage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private ElementReference _input;
    private ElementReference _button;
    private IJSObjectReference? _module;
    private IJSObjectReference? _attachment;
    private DotNetObjectReference<SkuLookupPage>? _self;
    private ScanDeduplicator _deduplicator = null!;
    private SkuLookupResult? _result;
    private IReadOnlyList<RecentLookup> _recent = [];
    private bool _busy;
    private bool _ready;

    [Inject]
    private ISkuLookupService Lookup { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    private string Announcement => _result switch
    {
        { Status: SkuLookupStatus.Found, Product: { } p } => $"Found {p.Sku}: {p.Name}, bin {p.BinLocation}.",
        { Message: { } message } => message,
        _ => "",
    };

    protected override void OnInitialized() => _deduplicator = new ScanDeduplicator(Time, ScanDeduplicator.DefaultWindow);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, "./Components/Pages/Lookup/SkuLookupPage.razor.js");
        _self = DotNetObjectReference.Create(this);
        _attachment = await _module.InvokeAsync<IJSObjectReference>("attach", _disposed.Token, _input, _button, _self);
        _recent = await _module.InvokeAsync<RecentLookup[]?>("loadRecent", _disposed.Token) ?? [];
        _ready = true;
        StateHasChanged();
    }

    /// <summary>Called from the browser once per finished scan or Enter, with the raw input.</summary>
    [JSInvokable]
    public async Task OnScanned(string? input)
    {
        var scanned = SkuNormalizer.Normalize(input);
        if (scanned.IsValid && !_deduplicator.ShouldLookUp(scanned.Code))
        {
            await FocusInputAsync();
            return;
        }

        await LookUpAsync(input);
    }

    private async Task LookUpAsync(string? input)
    {
        _busy = true;
        StateHasChanged();
        try
        {
            _result = await Lookup.LookupAsync(input, _disposed.Token);
        }
        finally
        {
            _busy = false;
        }

        if (_result is { Status: SkuLookupStatus.Found, Product: { } product })
        {
            _recent = RecentLookups.Add(_recent, new RecentLookup(product.Sku, product.Name));
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("saveRecent", _disposed.Token, _recent);
                await _module.InvokeVoidAsync("setValue", _disposed.Token, _input, product.Sku);
            }
        }

        StateHasChanged();
        await FocusInputAsync();
    }

    /// <summary>Focus back in the input with its text selected, so the next scan replaces it.</summary>
    private async Task FocusInputAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("focusAndSelect", _disposed.Token, _input);
        }
    }

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
