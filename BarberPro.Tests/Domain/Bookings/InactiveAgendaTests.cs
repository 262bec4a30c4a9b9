using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>An inactive provider or service takes nothing new: not a booking, not a move onto a free slot, and the slot check says so.</summary>
public sealed class InactiveAgendaTests
{
    [Fact]
    public async Task InactiveProvider_SlotCheckSaysNotAvailable_AndAMoveIsRefused()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var booked = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId))).Booking;
        var schedule = database.Services.GetRequiredService<ScheduleService>();
        Assert.True((await schedule.SetActiveAsync(agenda.Barber.Id, false, Actor.Owner(TestAgenda.OwnerUserId))).Succeeded);

        var answer = await database.Availability.CheckAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11));
        var moved = await database.Bookings.RescheduleAsync(booked.Id, TestAgenda.TuesdayAt(11), Actor.Customer(TestAgenda.CustomerUserId));

        Assert.False(answer!.Available);
        Assert.Empty(answer.Alternatives);
        Assert.Equal("booking.provider_inactive", Assert.IsType<BookingOutcome.Rejected>(moved).Error.Code);
        await using var db = database.NewContext();
        Assert.Equal(TestAgenda.TuesdayAt(10), (await db.Bookings.SingleAsync()).Start);
    }

    [Fact]
    public async Task InactiveService_SlotCheckSaysNotAvailable_AndAMoveIsRefused()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var booked = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId))).Booking;
        await using (var db = database.NewContext())
            await db.Offerings.Where(o => o.Id == agenda.Haircut.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Active, false));

        var answer = await database.Availability.CheckAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11));
        var moved = await database.Bookings.RescheduleAsync(booked.Id, TestAgenda.TuesdayAt(11), Actor.Owner(TestAgenda.OwnerUserId));

        Assert.False(answer!.Available);
        Assert.Equal("booking.offering_inactive", Assert.IsType<BookingOutcome.Rejected>(moved).Error.Code);
    }
}
