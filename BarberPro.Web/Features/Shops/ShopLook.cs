using System.Globalization;
using System.Text.RegularExpressions;

namespace BarberPro.Web.Features.Shops;

/// <summary>How a shop's branding turns into a page: its accent colour as the theme's colours, its address as a maps link.</summary>
public static partial class ShopLook
{
    /// <summary>A plain maps search for the address: no API key, opens the phone's maps app where there is one.</summary>
    public static string MapsUrl(string address) => "https://www.google.com/maps/search/?api=1&query=" + Uri.EscapeDataString(address);

    /// <summary>
    /// CSS that makes <paramref name="accent"/> ("#rrggbb") the primary and secondary colour of the page it is on (MudBlazor
    /// reads its palette from these variables), with readable text on it; empty for anything else.
    /// </summary>
    public static string ThemeCss(string? accent)
    {
        if (accent is null || !Hex().IsMatch(accent))
            return "";
        var r = int.Parse(accent.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var g = int.Parse(accent.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var b = int.Parse(accent.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        // Relative luminance (WCAG): dark text on a light accent, white on a dark one.
        static double Channel(int c) => c / 255.0 is var s && s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        var luminance = 0.2126 * Channel(r) + 0.7152 * Channel(g) + 0.0722 * Channel(b);
        var text = luminance > 0.45 ? "#1a1a1a" : "#ffffff";
        string Shade(double f) => $"rgb({(int)(r * f)},{(int)(g * f)},{(int)(b * f)})";
        string Tint(double f) => $"rgb({r + (int)((255 - r) * f)},{g + (int)((255 - g) * f)},{b + (int)((255 - b) * f)})";
        var vars = string.Concat(new[] { "primary", "secondary" }.Select(p =>
            $"--mud-palette-{p}:{accent};--mud-palette-{p}-rgb:{r},{g},{b};--mud-palette-{p}-text:{text};" +
            $"--mud-palette-{p}-darken:{Shade(0.85)};--mud-palette-{p}-lighten:{Tint(0.25)};--mud-palette-{p}-hover:rgba({r},{g},{b},0.06);"));
        return $":root:root{{--shop-accent:{accent};{vars}}}";
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Hex();
}
