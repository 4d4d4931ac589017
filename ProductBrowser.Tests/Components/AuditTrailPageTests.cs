using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ProductBrowser.Audit;
using ProductBrowser.Components.Pages.Admin;
using ProductBrowser.Domain;

namespace ProductBrowser.Tests.Components;

public sealed class AuditTrailPageTests : BunitContext
{
    private static readonly Guid ProductId = Guid.Parse("20000000-0000-0000-0000-000000000042");

    public AuditTrailPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new AuditOptions()));
    }

    private IRenderedComponent<AuditTrailPage> RenderAt(string url, FakeAuditQueryService audit)
    {
        Services.AddSingleton<IAuditQueryService>(audit);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<AuditTrailPage>();
    }

    [Fact]
    public void FiltersInTheUrlAreTheQueryAndFillTheForm()
    {
        var audit = new FakeAuditQueryService();

        var page = RenderAt("/admin/audit?sku=pkg-0000042&actor=admin&action=edit&from=2026-12-01&to=2026-12-02&before=77", audit);

        page.WaitForAssertion(() => Assert.Equal(
            new AuditQuery
            {
                // The SKU as the catalog spells it: a lower-case SKU or a scanned label reads as its code.
                Sku = "PKG-0000042", Actor = "admin", Action = AuditAction.Edit, From = new DateOnly(2026, 12, 1),
                To = new DateOnly(2026, 12, 2), Before = 77,
            },
            Assert.Single(audit.Searches)));
        Assert.Equal("PKG-0000042", page.Find("#audit-sku").GetAttribute("value"));
        Assert.Equal("admin", page.Find("#audit-actor").GetAttribute("value"));
        Assert.Equal("2026-12-01", page.Find("#audit-from").GetAttribute("value"));
    }

    [Fact]
    public void ApplyingTheFiltersPutsThemInTheUrlFromTheNewestPage()
    {
        var page = RenderAt("/admin/audit?before=77", new FakeAuditQueryService());

        page.Find("#audit-sku").Input("PKG-0000042");
        page.Find("#audit-actor").Input("alice");
        page.Find("form").Submit();

        Assert.EndsWith("/admin/audit?sku=PKG-0000042&actor=alice", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void EventsShowWhoWhatAndWhereWithALinkToTheProduct()
    {
        var audit = new FakeAuditQueryService(
            FakeAuditQueryService.BinChangedByAdmin(ProductId, "PKG-0000042"),
            FakeAuditQueryService.BinChangedByAdmin(ProductId, "PKG-0000042") with { Id = 2, Actor = null, Instance = null });

        var page = RenderAt("/admin/audit", audit);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-event]").Count));
        var rows = page.FindAll("[data-testid=audit-event]");
        Assert.Equal("admin", rows[0].QuerySelector("[data-field=who]")!.TextContent);
        Assert.Equal("outside the app", rows[1].QuerySelector("[data-field=who]")!.TextContent);
        Assert.Equal("bin A-06-1 → B-02-3", rows[0].QuerySelector("[data-field=what]")!.TextContent);
        Assert.Equal("web-1", rows[0].QuerySelector("[data-field=instance]")!.TextContent);
        Assert.Equal($"/products/{ProductId}", rows[0].QuerySelector("[data-field=product] a")!.GetAttribute("href"));
    }

    [Fact]
    public void NothingMatchingShowsTheEmptyStateWithAWayToClearTheFilters()
    {
        var page = RenderAt("/admin/audit?actor=nobody", new FakeAuditQueryService());

        page.WaitForAssertion(() => Assert.Contains("Nothing recorded matches these filters.", page.Find("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/admin/audit", page.Find("[data-testid=audit-clear]").GetAttribute("href"));
    }
}
