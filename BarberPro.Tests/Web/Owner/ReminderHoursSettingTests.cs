using BarberPro.Domain.Accounts;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Owner;

/// <summary>The shop's reminder hours on the settings page, over a real SQLite file.</summary>
public sealed class ReminderHoursSettingTests : BunitDatabaseTestBase
{
    public ReminderHoursSettingTests() => SignInAs(Roles.Owner, TestAgenda.OwnerUserId, "Dueño");

    [Fact]
    public async Task Defaults_AreShown_AndNewHoursAreSaved_KeepingTheRestOfThePolicy()
    {
        var before = await StoredPolicyAsync();
        var page = RenderPage();
        Assert.Equal("24", page.Find("#settings-first-reminder").GetAttribute("value"));
        Assert.Equal("2", page.Find("#settings-second-reminder").GetAttribute("value"));

        page.Find("#settings-first-reminder").Change("48");
        page.Find("#settings-second-reminder").Change("0");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Configuración guardada", page.Markup + Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.FirstOrDefault()?.Message));
        var after = await StoredPolicyAsync();
        Assert.Equal(before with { FirstReminderHours = 48, SecondReminderHours = 0 }, after);
    }

    [Theory]
    [InlineData("200")]
    [InlineData("-1")]
    [InlineData("dos")]
    public async Task OutOfRangeOrNotANumber_IsRefusedInSpanish_AndNothingChanges(string typed)
    {
        var before = await StoredPolicyAsync();
        var page = RenderPage();

        page.Find("#settings-first-reminder").Change(typed);
        Save(page);

        page.WaitForAssertion(() => Assert.True(page.Markup.Contains("168 horas") || page.Markup.Contains("número entero"), page.Markup));
        Assert.Equal(before, await StoredPolicyAsync());
    }

    private IRenderedComponent<ShopSettingsPage> RenderPage()
    {
        var page = Render<ShopSettingsPage>();
        page.WaitForElement("#settings-first-reminder");
        return page;
    }

    private static void Save(IRenderedComponent<ShopSettingsPage> page) => ShopSettingsPageDriver.Save(page);

    private Task<BookingPolicy> StoredPolicyAsync() => ShopSettingsPageDriver.StoredPolicyAsync(Db, Agenda.Shop.Id);
}
