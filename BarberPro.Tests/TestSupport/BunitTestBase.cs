using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// bUnit with MudBlazor (its services, JS interop in loose mode, a popover provider) and the app's real
/// localization (Spanish resources). Disposed asynchronously: MudBlazor registers services that only dispose
/// asynchronously, and xUnit 2 would otherwise dispose the context synchronously.
/// </summary>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    protected BunitTestBase()
    {
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton<BarberPro.Web.Features.Verticals.IVerticalText, BarberPro.Web.Features.Verticals.ShopWords>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("es-AR");
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("es-AR");
    }

    protected IStringLocalizer<BarberPro.Web.SharedResource> Texts => Services.GetRequiredService<IStringLocalizer<BarberPro.Web.SharedResource>>();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DisposedAsync();
    }

    /// <summary>Runs after the bUnit context (its renderer and services) has been disposed.</summary>
    protected virtual ValueTask DisposedAsync() => ValueTask.CompletedTask;
}
