using MudBlazor;

namespace BarberPro.Web.Components.Layout;

/// <summary>BarberPro's colours: deep navy and a barber-pole red.</summary>
public static class BarberProTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f2a44",
            Secondary = "#c8102e",
            AppbarBackground = "#1f2a44",
            Background = "#f6f7fb",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
