using MudBlazor;

namespace ProductBrowser.Components.Layout;

internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            // Every colour keeps at least 4.5:1 contrast with white text or a white page (WCAG AA).
            Primary = "#1f5f8b",
            Secondary = "#a34f00",
            Info = "#0b5ed7",
            Success = "#2e7d32",
            Warning = "#8a5300",
            Error = "#c62828",
            AppbarBackground = "#173f5f",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
    };
}
