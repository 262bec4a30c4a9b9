using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Owner;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Owner;

/// <summary>A barber's agenda-change messages and quiet hours on the provider page, over a real SQLite file.</summary>
public sealed class StaffNotificationsCardTests : BunitDatabaseTestBase
{
    protected override void Initialized() => Services.AddSingleton<StaffNotificationSettings>();

    [Fact]
    public async Task Owner_TurnsItOn_WithQuietHours()
    {
        var cut = await RenderAsync(Actor.Owner(TestAgenda.OwnerUserId));

        cut.Find(".notify-switch input").Change(true);
        cut.Find("#quiet-from").Change("22:00");
        cut.Find("#quiet-to").Change("08:00");
        cut.Find("button.save-staff-notify").Click();

        cut.WaitForAssertion(() =>
        {
            var stored = Stored();
            Assert.True(stored.NotifyAgendaChanges);
            Assert.Equal(new LocalTime(22, 0), stored.QuietFrom);
            Assert.Equal(new LocalTime(8, 0), stored.QuietTo);
        });
        Assert.Empty(cut.FindAll(".staff-notify-error"));
    }

    [Fact]
    public async Task TheBarberThemselves_MayOptIn_WithoutQuietHours()
    {
        var cut = await RenderAsync(Actor.Provider(TestAgenda.BarberUserId));

        cut.Find(".notify-switch input").Change(true);
        cut.Find("button.save-staff-notify").Click();

        cut.WaitForAssertion(() => Assert.True(Stored().NotifyAgendaChanges));
        Assert.Null(Stored().QuietFrom);
    }

    [Fact]
    public async Task HalfTheQuietHours_IsRefusedInSpanish_AndNothingChanges()
    {
        var cut = await RenderAsync(Actor.Owner(TestAgenda.OwnerUserId));

        cut.Find(".notify-switch input").Change(true);
        cut.Find("#quiet-from").Change("22:00");
        cut.Find("button.save-staff-notify").Click();

        cut.WaitForAssertion(() => Assert.Contains("Indicá el horario de silencio completo", cut.Find(".staff-notify-error").TextContent));
        Assert.False(Stored().NotifyAgendaChanges);
        Assert.Null(Stored().QuietFrom);
    }

    [Theory]
    [InlineData("someone-else", ActorRole.Owner)]
    [InlineData(TestAgenda.OtherBarberUserId, ActorRole.Provider)]
    public async Task SomeoneWhoDoesNotManageTheAgenda_ChangesNothing(string userId, ActorRole role)
    {
        var cut = await RenderAsync(new Actor(userId, role));

        cut.Find(".notify-switch input").Change(true);
        cut.Find("button.save-staff-notify").Click();

        cut.WaitForAssertion(() => Assert.Contains("No encontramos", cut.Find(".staff-notify-error").TextContent));
        Assert.False(Stored().NotifyAgendaChanges);
    }

    private Provider Stored()
    {
        using var db = Db.NewContext();
        return db.Providers.AsNoTracking().Single(p => p.Id == Agenda.Barber.Id);
    }

    private async Task<IRenderedComponent<StaffNotificationsCard>> RenderAsync(Actor actor)
    {
        await using var db = Db.NewContext();
        var provider = await db.Providers.AsNoTracking().Include(p => p.Shop).SingleAsync(p => p.Id == Agenda.Barber.Id);
        return Render<StaffNotificationsCard>(p => p.Add(c => c.Provider, provider).Add(c => c.Actor, actor));
    }
}
