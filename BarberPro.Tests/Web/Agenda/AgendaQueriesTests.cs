using Microsoft.Extensions.DependencyInjection;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;

namespace BarberPro.Tests.Web.Agenda;

/// <summary>What the agenda pages read, over a real SQLite file: a day's hours come from the domain's one answer.</summary>
public sealed class AgendaQueriesTests
{
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);

    [Fact]
    public async Task ShopClosedDay_IsClosedInTheAgenda_EvenOverABarbersSpecialDate()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var sunday = TestAgenda.Tuesday.PlusDays(5);
        var schedule = db.Services.GetRequiredService<ScheduleService>();
        Assert.True((await schedule.SetOverrideAsync(agenda.Barber.Id, sunday, [new(new LocalTime(20, 0), new LocalTime(23, 59))], null, Owner)).Succeeded);
        var settings = db.Services.GetRequiredService<ShopSettingsService>();
        Assert.True((await settings.CloseOnAsync(agenda.Shop.Id, TestAgenda.Tuesday, "Inmaculada Concepción", Owner)).Succeeded);
        Assert.True((await settings.CloseOnAsync(agenda.Shop.Id, sunday, null, Owner)).Succeeded);

        var week = await new AgendaQueries(db.DbFactory).LoadAsync(agenda.Barber.Id, TestAgenda.Tuesday, sunday, Barber);

        Assert.NotNull(week);
        Assert.True(week.Day(TestAgenda.Tuesday).Closed);
        Assert.True(week.Day(sunday).Closed);
        Assert.False(week.Day(TestAgenda.Tuesday.PlusDays(1)).Closed);
    }
}
