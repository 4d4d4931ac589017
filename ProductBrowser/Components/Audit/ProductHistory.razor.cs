using Microsoft.AspNetCore.Components;
using ProductBrowser.Audit;
using ProductBrowser.Catalog;

namespace ProductBrowser.Components.Audit;

/// <summary>
/// Reads the product's latest <see cref="Count"/> audit events once the page is interactive (the prerendered page says
/// it is loading, so a visit reads them once), and again whenever the product's revision moves.
/// </summary>
public sealed partial class ProductHistory : ComponentBase
{
    public const int Count = 10;

    private IReadOnlyList<AuditEvent>? _events;
    private bool _failed;
    private (Guid, long)? _loadedFor;

    [Parameter, EditorRequired]
    public Guid ProductId { get; set; }

    [Parameter, EditorRequired]
    public string Sku { get; set; } = "";

    /// <summary>The product's revision as shown: a new one (an edit, a write from outside) brings its event.</summary>
    [Parameter]
    public long Revision { get; set; }

    [Inject]
    private IAuditQueryService Audit { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || _loadedFor == (ProductId, Revision))
        {
            return;
        }

        _loadedFor = (ProductId, Revision);
        try
        {
            _events = await Audit.GetProductHistoryAsync(ProductId, Count);
            _failed = false;
        }
        catch (Exception ex) when (CatalogFailures.IsUnavailable(ex))
        {
            _failed = true;
        }
    }
}
