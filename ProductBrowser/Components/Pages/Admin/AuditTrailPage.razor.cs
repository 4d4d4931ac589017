using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using ProductBrowser.Audit;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Components.Audit;
using ProductBrowser.Domain;

namespace ProductBrowser.Components.Pages.Admin;

/// <summary>
/// <c>/admin/audit</c>: the audit trail, filtered by SKU, user, source, action and dates, paged by keyset. Its whole
/// state is in the URL: the filter form navigates, the URL drives the query (loaded once the page is interactive; a
/// newer URL cancels the older load). Admins only.
/// </summary>
public sealed partial class AuditTrailPage : ComponentBase, IDisposable
{
    private CancellationTokenSource? _load;
    private AuditQuery? _loadedFor;
    private AuditPage? _page;
    private string? _error;
    private bool _loading;
    private string? _sku;
    private string? _actor;
    private bool _outside;
    private string _action = "";
    private string? _from;
    private string? _to;

    [SupplyParameterFromQuery(Name = "sku")] public string? Sku { get; set; }
    [SupplyParameterFromQuery(Name = "actor")] public string? Actor { get; set; }
    [SupplyParameterFromQuery(Name = "outside")] public string? Outside { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? Action { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "before")] public string? Before { get; set; }
    [SupplyParameterFromQuery(Name = "after")] public string? After { get; set; }

    [Inject] private IAuditQueryService Audit { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IOptions<AuditOptions> Options { get; set; } = null!;

    /// <summary>The query the URL asks for.</summary>
    private AuditQuery Query { get; set; } = new();

    private string RetentionDays => Options.Value.Retention.TotalDays.ToString("N0", CultureInfo.InvariantCulture);

    protected override async Task OnParametersSetAsync()
    {
        Query = AuditListUrl.Parse(new AuditListUrl.Parameters(Sku, Actor, Outside, Action, From, To, Before, After));
        _sku = Query.Sku;
        _actor = Query.Actor;
        _outside = Query.OutsideOnly;
        _action = Query.Action is { } action ? AuditActions.Name(action) : "";
        _from = AuditListUrl.DateText(Query.From);
        _to = AuditListUrl.DateText(Query.To);

        if (RendererInfo.IsInteractive && Query != _loadedFor)
        {
            await LoadAsync(Query);
        }
        else if (!RendererInfo.IsInteractive)
        {
            // Prerendered: the page says it is loading until the circuit reads.
            _loading = true;
        }
    }

    private async Task LoadAsync(AuditQuery query)
    {
        if (_load is { } previous)
        {
            await previous.CancelAsync();
            previous.Dispose();
        }

        var load = new CancellationTokenSource();
        _load = load;
        _loading = true;
        StateHasChanged();
        try
        {
            _page = await Audit.SearchAsync(query, load.Token);
            _loadedFor = query;
            _error = null;
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            // A newer URL replaced this one.
            return;
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            _error = "The audit trail could not be read right now; try again in a moment.";
        }

        _loading = false;
    }

    private void ApplyFilters() => Navigation.NavigateTo(AuditListUrl.For(new AuditQuery
    {
        Sku = SkuNormalizer.Canonical(_sku),
        Actor = _actor,
        OutsideOnly = _outside,
        Action = AuditActions.TryParse(_action),
        From = AuditListUrl.Date(_from),
        To = AuditListUrl.Date(_to),
    }));

    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
    }
}
