using MudBlazor.Services;
using ProductBrowser.Components.Products;

namespace ProductBrowser.Components;

public static class UserInterfaceExtensions
{
    public static IHostApplicationBuilder AddUserInterface(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ListReturnState>();
        return builder;
    }

    public static WebApplication UseUserInterface(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
