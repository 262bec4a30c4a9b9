using BarberPro.Domain.Notifications;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Preferences;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Preferences;

/// <summary>The customer's "Avisos" page (channels and reminders off) over a real SQLite file.</summary>
public sealed class NotificationPreferencesPageTests : BunitDatabaseTestBase
{
    [Fact]
    public async Task Customer_ChangesChannelsAndTurnsRemindersOff_OnlyTheirOwnRow()
    {
        SignInAs("Customer", TestAgenda.CustomerUserId, "Cliente");
        var cut = RenderPage();
        Assert.True(IsChecked(cut, ".channel-whatsapp"));
        Assert.False(IsChecked(cut, ".channel-sms"));

        cut.Find(".channel-whatsapp input").Change(false);
        cut.Find(".channel-sms input").Change(true);
        cut.Find(".reminders-off input").Change(true);
        cut.Find("button.save").Click();

        await using var db = Db.NewContext();
        cut.WaitForAssertion(() =>
        {
            using var check = Db.NewContext();
            var mine = check.Customers.AsNoTracking().Single(c => c.UserId == TestAgenda.CustomerUserId);
            Assert.Equal(ContactChannels.Sms | ContactChannels.Email, mine.Channels);
            Assert.True(mine.RemindersOff);
        });
        var other = await db.Customers.AsNoTracking().SingleAsync(c => c.UserId == TestAgenda.OtherCustomerUserId);
        Assert.Equal(ContactChannels.Default, other.Channels);
        Assert.False(other.RemindersOff);
    }

    [Fact]
    public void NoChannel_Warns()
    {
        SignInAs("Customer", TestAgenda.CustomerUserId, "Cliente");
        var cut = RenderPage();

        cut.Find(".channel-whatsapp input").Change(false);
        cut.Find(".channel-email input").Change(false);

        Assert.Contains("Sin ningún canal no te vamos a avisar nada de tus turnos.", cut.Markup);
    }

    [Fact]
    public void SomeoneWithoutACustomerRow_SeesNoForm()
    {
        SignInAs("Customer", "nobody", "Nadie");

        var cut = RenderPage();

        Assert.NotNull(cut.Find("[data-testid=preferences-none]"));
        Assert.Empty(cut.FindAll("button.save"));
    }

    private static bool IsChecked(IRenderedComponent<NotificationPreferencesPage> cut, string selector) =>
        cut.Find(selector + " input").HasAttribute("checked") || cut.Find(selector + " input").GetAttribute("aria-checked") == "true";

    private IRenderedComponent<NotificationPreferencesPage> RenderPage()
    {
        var cut = Render<NotificationPreferencesPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }
}

/// <summary>A barber's own agenda messages on the same "Avisos" page.</summary>
public sealed class BarberOwnNotificationSettingsTests : BunitDatabaseTestBase
{
    protected override void Initialized() => Services.AddSingleton<BarberPro.Web.Features.Owner.StaffNotificationSettings>();

    [Fact]
    public void Barber_SeesTheirOwnAgendaCard_AndOptsIn()
    {
        SignInAs("Provider", TestAgenda.BarberUserId, "Barbero");
        var cut = Render<NotificationPreferencesPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".staff-notifications")));
        Assert.Empty(cut.FindAll("[data-testid=preferences-none]"));

        cut.Find(".notify-switch input").Change(true);
        cut.Find("button.save-staff-notify").Click();

        cut.WaitForAssertion(() =>
        {
            using var db = Db.NewContext();
            Assert.True(db.Providers.AsNoTracking().Single(p => p.Id == Agenda.Barber.Id).NotifyAgendaChanges);
            Assert.False(db.Providers.AsNoTracking().Single(p => p.Id == Agenda.OtherBarber.Id).NotifyAgendaChanges);
        });
    }
}
