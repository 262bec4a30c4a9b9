using BarberPro.Domain.Accounts;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Owner;

/// <summary>The series horizon (months) on the shop settings page, over a real SQLite file.</summary>
public sealed class SeriesHorizonSettingTests : BunitDatabaseTestBase
{
    public SeriesHorizonSettingTests() => SignInAs(Roles.Owner, TestAgenda.OwnerUserId, "Dueño");

    private IRenderedComponent<ShopSettingsPage> RenderPage()
    {
        var page = Render<ShopSettingsPage>();
        // The shop's values arrive after the first render: act on the loaded form only.
        page.WaitForAssertion(() => Assert.Equal("6", page.Find("#settings-series-horizon").GetAttribute("value")));
        return page;
    }

    private static void Save(IRenderedComponent<ShopSettingsPage> page) => ShopSettingsPageDriver.Save(page);

    private Task<BookingPolicy> StoredPolicyAsync() => ShopSettingsPageDriver.StoredPolicyAsync(Db, Agenda.Shop.Id);

    [Fact]
    public async Task SeriesHorizon_IsShown_AndSaved()
    {
        var page = RenderPage();

        // Find and act in one dispatch: the page's cards keep re-rendering as their data arrives.
        await page.InvokeAsync(() => page.Find("#settings-series-horizon").Change("12"));
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Configuración guardada", page.Markup + Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.FirstOrDefault()?.Message));
        Assert.Equal(12, (await StoredPolicyAsync()).SeriesHorizonMonths);
    }

    [Fact]
    public async Task SeriesHorizon_OutOfRange_IsRefusedInSpanishNextToIt_AndNothingChanges()
    {
        var before = await StoredPolicyAsync();
        var page = RenderPage();

        await page.InvokeAsync(() => page.Find("#settings-series-horizon").Change("30"));
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Las series pueden llegar de 1 a 24 meses adelante.", page.Markup));
        Assert.Equal(before, await StoredPolicyAsync());
    }
}
