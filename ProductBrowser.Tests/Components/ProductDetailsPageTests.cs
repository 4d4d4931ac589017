using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
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
        Services.AddScoped<ProductBrowser.Diagnostics.SessionReads>();
        Services.AddSingleton<ProductBrowser.Catalog.Changes.ProductChangeNotifications>();
        Services.AddSingleton<IRelatedProductsService>(new NoRelatedProducts());
    }

    private sealed class NoRelatedProducts : IRelatedProductsService
    {
        public Task<IReadOnlyList<ProductSummary>> GetRelatedAsync(ProductDetails product, int count = 6, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ProductSummary>>([]);
    }

    private IRenderedComponent<ProductDetailsPage> RenderPage(Func<Guid, ProductReadResult> answer, Guid? id = null)
    {
        Services.AddSingleton<IProductQueryService>(new FakeProductQueryService(answer));
        return Render<ProductDetailsPage>(ps => ps.Add(p => p.Id, (id ?? SampleReads.ProductId).ToString()));
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

        var page = Render<ProductDetailsPage>(ps => ps.Add(p => p.Id, SampleReads.ProductId.ToString()));
        page.Render();

        Assert.Equal([SampleReads.ProductId], service.Requested);
    }

    [Fact]
    public void ASlowReadShowsTheLoadingStateFirst()
    {
        var pending = new TaskCompletionSource<ProductReadResult>();
        Services.AddSingleton<IProductQueryService>(new DeferredProductQueryService(pending.Task));

        var page = Render<ProductDetailsPage>(ps => ps.Add(p => p.Id, SampleReads.ProductId.ToString()));
        Assert.Contains("Loading product", page.Markup, StringComparison.Ordinal);
        pending.SetResult(SampleReads.Hit(SampleReads.ProductId));

        page.WaitForAssertion(() => Assert.Equal("Kestrel Heavy-Duty Claw Hammer, Yellow", page.Find("h1").TextContent));
        Assert.DoesNotContain("Loading product", page.Markup, StringComparison.Ordinal);
    }

    private sealed class DeferredProductQueryService(Task<ProductReadResult> answer) : IProductQueryService
    {
        public Task<ProductReadResult> GetProductAsync(Guid id, CancellationToken cancellationToken = default) => answer;
    }
}
