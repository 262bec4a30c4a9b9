using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// bUnit with MudBlazor (its services, JS interop in loose mode, a popover provider) and the app's real
/// localization (Spanish resources).
/// </summary>
public abstract class BunitTestBase : BunitContext
{
    protected BunitTestBase()
    {
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        JSInterop.Mode = JSRuntimeMode.Loose;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("es-AR");
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("es-AR");
    }

    protected IStringLocalizer<BarberPro.Web.SharedResource> Texts => Services.GetRequiredService<IStringLocalizer<BarberPro.Web.SharedResource>>();
}
