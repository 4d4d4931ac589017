using Microsoft.AspNetCore.Components;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Components.Lookup;

public sealed partial class LookupResultCard : ComponentBase
{
    [Parameter, EditorRequired]
    public ProductDetails Product { get; set; } = null!;

    /// <summary>The GS1 case or pallet label scanned, when it was one: adds its lot, expiry, serial and count.</summary>
    [Parameter]
    public Gs1Label? Label { get; set; }

    /// <summary>The pack whose GTIN was scanned (a case, a pallet), when it was one.</summary>
    [Parameter]
    public ProductPackDetails? Pack { get; set; }

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    /// <summary>Expired once the expiry day is over, by the warehouse's (the server's) calendar.</summary>
    private bool IsExpired(DateOnly expiry) => expiry < DateOnly.FromDateTime(Time.GetLocalNow().DateTime);
}
