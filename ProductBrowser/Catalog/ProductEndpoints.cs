namespace ProductBrowser.Catalog;

public static class ProductEndpoints
{
    public const string OpenApiPath = "/openapi/{documentName}.json";

    /// <summary>The JSON API's serialization and its OpenAPI document.</summary>
    public static IHostApplicationBuilder AddProductApi(this IHostApplicationBuilder builder)
    {
        // The JSON endpoint writes products without reflection; other types fall back to the default resolver.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ProductApiJsonContext.Default));
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// <c>GET /api/products/{id}</c>: a product as JSON for integrations, through the same cache-aside service and the
    /// same sign-in rules as the pages. <c>X-Cache</c> says how it was served.
    /// </summary>
    public static WebApplication MapProductEndpoints(this WebApplication app)
    {
        app.MapGet("/api/products/{id}", async (string id, IProductQueryService products, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!Guid.TryParse(id, out var productId))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product", detail: "The id is not a product id.");
            }

            var read = await products.GetProductAsync(productId, cancellationToken);
            context.Response.Headers["X-Cache"] = read.Cache.Outcome.ToString().ToUpperInvariant();
            return read.Status switch
            {
                ProductReadStatus.Found => Results.Ok(read.Product),
                ProductReadStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product",
                    detail: $"There is no product with id {productId}."),
                _ => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Catalog temporarily unavailable",
                    detail: "The product could not be loaded right now; try again in a moment."),
            };
        })
        .WithName("GetProduct")
        .WithSummary("A product's details, read through the cache (X-Cache says how it was served).")
        .Produces<ProductDetails>()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // What the API offers, for those who integrate with it: admins only.
        app.MapOpenApi(OpenApiPath).RequireAuthorization(ProductBrowser.Accounts.AccountsExtensions.AdminPolicy);
        return app;
    }
}
