namespace ProductBrowser.Catalog.Editing;

public static class ProductEditingExtensions
{
    /// <summary>Editing products: validation, the write with its audit attribution, and the cache told at once.</summary>
    public static IHostApplicationBuilder AddProductEditing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IProductEditService, ProductEditService>();
        return builder;
    }
}
