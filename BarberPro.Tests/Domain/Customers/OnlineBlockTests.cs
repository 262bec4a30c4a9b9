using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Series;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Customers;

/// <summary>
/// Issue 16: a shop blocks a client from booking online (they must call). Over a real SQLite file: the blocked client
/// can take none of the shop's time themselves — a booking, a series — and nothing is written; the shop's staff still
/// book for them; unblocked, they book again.
/// </summary>
public sealed class OnlineBlockTests
{
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);

    private static async Task BlockAsync(TestDatabase db, TestAgenda agenda, bool blocked)
    {
        await using var ctx = db.NewContext();
        var link = await ctx.ShopCustomers.SingleAsync(l => l.ShopId == agenda.Shop.Id && l.CustomerId == agenda.Customer.Id);
        link.BlockOnline(blocked, db.Clock.GetCurrentInstant());
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task ABlockedClient_CannotBookOrBookASeries_StaffStillBookForThem_AndUnblockedTheyBookAgain()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BlockAsync(db, agenda, blocked: true);

        var own = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Customer);
        Assert.Equal("booking.blocked_online", Assert.IsType<BookingOutcome.Rejected>(own).Error.Code);
        var series = await db.Services.GetRequiredService<SeriesService>().BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id,
            SeriesFrequency.Weekly, [TestAgenda.TuesdayAt(11), TestAgenda.TuesdayAt(11).Plus(NodaTime.Duration.FromDays(7))]), Customer);
        Assert.Equal("booking.blocked_online", Assert.IsType<SeriesOutcome.Rejected>(series).Error.Code);
        await using (var ctx = db.NewContext())
            Assert.Equal(0, await ctx.Bookings.CountAsync());

        var byBarber = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), null, agenda.Customer.Id), Barber);
        Assert.IsType<BookingOutcome.Succeeded>(byBarber);

        await BlockAsync(db, agenda, blocked: false);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(12)), Customer));
        await using (var ctx = db.NewContext())
            Assert.Equal(2, await ctx.Bookings.CountAsync());
    }

    [Fact]
    public async Task ABlock_IsThatClientsAlone()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BlockAsync(db, agenda, blocked: true);

        // Cliente Dos at the same shop is not blocked.
        var other = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.OtherCustomerUserId));
        Assert.IsType<BookingOutcome.Succeeded>(other);
    }
}
