using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ProductBrowser.Audit;
using ProductBrowser.Catalog;
using ProductBrowser.Catalog.List;
using ProductBrowser.Components.Pages.Products;
using ProductBrowser.Components.Products;

namespace ProductBrowser.Tests.Components;

public sealed class ProductDetailsPageTests : BunitContext
{
    private BunitAuthorizationContext Authorization { get; }

    public ProductDetailsPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("admin");
        Authorization.SetRoles("Admin");
        Authorization.SetPolicies("Admin");
        Services.AddScoped<ListReturnState>();
        Services.AddScoped<ProductBrowser.Catalog.SessionReads>();
        Services.AddSingleton<ProductBrowser.Catalog.Changes.ProductChangeNotifications>();
        Services.AddSingleton<IRelatedProductsService>(new NoRelatedProducts());
        Services.AddSingleton<IAuditQueryService>(History);
    }

    private FakeAuditQueryService History { get; } = new(
        FakeAuditQueryService.BinChangedByAdmin(SampleReads.ProductId, "HTL-0000001"),
        FakeAuditQueryService.BinChangedByAdmin(SampleReads.ProductId, "HTL-0000001") with
        {
            Id = 2, At = new DateTimeOffset(2026, 11, 30, 8, 5, 0, TimeSpan.Zero), Actor = null, Instance = null,
            Changes = [new FieldChange("weight_kg", "0.650", "0.7"), new FieldChange("pack_case", null, "14000000000034 × 6")],
        });

    private sealed class NoRelatedProducts : IRelatedProductsService
    {
        public Task<IReadOnlyList<ProductSummary>> GetRelatedAsync(ProductDetails product, int count = 6, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ProductSummary>>([]);
    }

    private IRenderedComponent<ProductDetailsPage> RenderPage(Func<Guid, ProductReadResult> answer, Guid? id = null)
    {
        Services.AddSingleton<IProductQueryService>(new FakeProductQueryService(answer));
        return RenderInteractive((id ?? SampleReads.ProductId).ToString());
    }

    /// <summary>The page as a live circuit renders it (once every service is registered).</summary>
    private IRenderedComponent<ProductDetailsPage> RenderInteractive(string id)
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<ProductDetailsPage>(ps => ps.Add(p => p.Id, id));
    }

    [Fact]
    public void CachedProductShowsItsFieldsAndAHit()
    {
        var page = RenderPage(SampleReads.Hit);

        Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("h1").TextContent);
        Assert.Equal("HTL-0000001", page.Find("[data-field=sku]").TextContent);
        Assert.Equal("650 g", page.Find("[data-field=weight]").TextContent);
        Assert.Equal("33.2 × 12 × 3.5 cm", page.Find("[data-field=dimensions]").TextContent);
        Assert.Equal("2 Jun 2024, 14:05 UTC", page.Find("[data-field=updated]").TextContent);
        Assert.Equal("HIT", page.Find("[data-testid=cache-outcome]").TextContent.Trim());
        Assert.Equal("not queried", page.Find("[data-testid=cache-db-ms]").TextContent);
        Assert.Equal("42 min 0 s", page.Find("[data-testid=cache-ttl]").TextContent);
    }

    [Fact]
    public void FreshlyLoadedProductShowsAMissWithTheDatabaseTime()
    {
        var page = RenderPage(SampleReads.Miss);

        Assert.Equal("MISS", page.Find("[data-testid=cache-outcome]").TextContent.Trim());
        Assert.Equal("3.25 ms", page.Find("[data-testid=cache-db-ms]").TextContent);
        Assert.Equal("1 h 0 min", page.Find("[data-testid=cache-ttl]").TextContent);
        Assert.Contains(":v1:product:", page.Find("[data-testid=cache-key]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisFailureShowsTheProductAndAnError()
    {
        var page = RenderPage(SampleReads.Error);

        Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("h1").TextContent);
        Assert.Equal("ERROR", page.Find("[data-testid=cache-outcome]").TextContent.Trim());
        Assert.Contains("Redis is unavailable.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProductShowsNotFoundWithTheCachePanel()
    {
        var unknown = Guid.NewGuid();

        var page = RenderPage(SampleReads.NotFound, unknown);

        Assert.Equal("Product not found", page.Find("[data-testid=product-not-found] h1").TextContent);
        Assert.Contains(unknown.ToString(), page.Find("[data-testid=product-not-found]").TextContent, StringComparison.Ordinal);
        Assert.Equal("NOT FOUND", page.Find("[data-testid=cache-outcome]").TextContent.Trim());
    }

    [Fact]
    public void UnavailableCatalogSaysSoAndOffersARetry()
    {
        var answers = new Queue<Func<Guid, ProductReadResult>>([SampleReads.Unavailable, SampleReads.Miss]);
        var page = RenderPage(id => answers.Dequeue()(id));

        Assert.Equal("Catalog temporarily unavailable", page.Find("[data-testid=catalog-unavailable] h1").TextContent);
        page.Find("[data-testid=catalog-unavailable] button").Click();

        page.WaitForAssertion(() => Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("h1").TextContent));
    }

    [Fact]
    public void StaffSeeTheProductButNeverTheCachePanel()
    {
        Authorization.SetRoles("Staff");
        Authorization.SetPolicies();

        var page = RenderPage(SampleReads.Hit);

        Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("h1").TextContent);
        Assert.Empty(page.FindAll("[data-testid=cache-outcome]"));
        Assert.DoesNotContain("productbrowser:v1", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProductIsReadOncePerVisit()
    {
        var service = new FakeProductQueryService(SampleReads.Miss);
        Services.AddSingleton<IProductQueryService>(service);

        var page = RenderInteractive(SampleReads.ProductId.ToString());
        page.Render();

        Assert.Equal([SampleReads.ProductId], service.Requested);
    }

    [Fact]
    public void ASlowReadShowsTheLoadingStateFirst()
    {
        var pending = new TaskCompletionSource<ProductReadResult>();
        Services.AddSingleton<IProductQueryService>(new DeferredProductQueryService(pending.Task));

        var page = RenderInteractive(SampleReads.ProductId.ToString());
        Assert.Contains("Loading product", page.Markup, StringComparison.Ordinal);
        pending.SetResult(SampleReads.Hit(SampleReads.ProductId));

        page.WaitForAssertion(() => Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("h1").TextContent));
        Assert.DoesNotContain("Loading product", page.Markup, StringComparison.Ordinal);
    }

    private sealed class DeferredProductQueryService(Task<ProductReadResult> answer) : IProductQueryService
    {
        public Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default) => answer;
    }

    [Fact]
    public void AdminSeesTheHistoryOfWhoChangedWhat()
    {
        var page = RenderPage(SampleReads.Hit);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=history] li").Count));
        var entries = page.FindAll("[data-testid=history] li").Select(li => li.TextContent).ToList();
        Assert.Equal("changed by admin on 1 Dec 2026, 10:42 UTC: bin A-06-1 → B-02-3", entries[0]);
        Assert.Equal("changed outside the app on 30 Nov 2026, 08:05 UTC: weight 650 g → 700 g, case pack — → 14000000000034 × 6", entries[1]);
        Assert.Equal("/admin/audit?sku=HTL-0000001", page.Find("[data-testid=history-all]").GetAttribute("href"));
    }

    [Fact]
    public void StaffNeverSeeTheHistory()
    {
        Authorization.SetRoles("Staff");
        Authorization.SetPolicies();

        var page = RenderPage(SampleReads.Hit);

        Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("h1").TextContent);
        Assert.Empty(page.FindAll("#product-history-title"));
        Assert.Empty(History.HistoriesRead);
    }
}
