using BarberPro.Domain.Accounts;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Owner;

/// <summary>The owner turns "ask for DNI and health insurance" on and off on the settings page, over a real SQLite file.</summary>
public sealed class PatientDetailsSettingTests : BunitDatabaseTestBase
{
    public PatientDetailsSettingTests() => SignInAs(Roles.Owner, TestAgenda.OwnerUserId, "Dueño");

    [Fact]
    public async Task TheSwitch_ShowsThePolicy_AndSavesIt_KeepingTheRestOfThePolicy()
    {
        var before = await ShopSettingsPageDriver.StoredPolicyAsync(Db, Agenda.Shop.Id);
        Assert.False(before.RequiresPatientDetails);
        var page = Render<ShopSettingsPage>();
        page.WaitForElement("input#settings-patient-details");
        Assert.False(page.Find("input#settings-patient-details").HasAttribute("checked"));

        page.Find("input#settings-patient-details").Change(true);
        ShopSettingsPageDriver.Save(page);

        page.WaitForAssertion(() => Assert.Contains("Configuración guardada", page.Markup + Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.FirstOrDefault()?.Message));
        Assert.Equal(before with { RequiresPatientDetails = true }, await ShopSettingsPageDriver.StoredPolicyAsync(Db, Agenda.Shop.Id));
        Assert.Contains("Pedir DNI y obra social al reservar", page.Markup);
    }
}
