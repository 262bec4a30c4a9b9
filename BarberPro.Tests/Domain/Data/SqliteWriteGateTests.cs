using Microsoft.Extensions.DependencyInjection;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Data;

/// <summary>
/// The in-process side of <see cref="SqliteWriteGate"/> on a real SQLite file with a 1-second busy timeout: a writer of
/// this process that holds the database too long makes the others answer Busy, and a transaction that is dropped without
/// commit or rollback does not keep the gate.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private static Task<SqliteTestDatabase> DatabaseAsync() =>
        SqliteTestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "1" });

    [Fact]
    public async Task AWriterOfThisProcessHoldingTheDatabase_MakesBookingsAndScheduleChangesAnswerBusy_NotWait()
    {
        await using var database = await DatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10));
        var schedule = database.Services.GetRequiredService<ScheduleService>();

        BookingOutcome booked;
        BarberPro.Domain.Common.Result<Provider> blocked;
        await using (var holder = database.NewContext())
        await using (await holder.Database.BeginTransactionAsync())
        {
            booked = await database.Bookings.BookAsync(request, Actor.Customer(TestAgenda.CustomerUserId));
            blocked = await schedule.AddTimeOffAsync(agenda.Barber.Id, TestAgenda.Tuesday.At(new LocalTime(15, 0)), TestAgenda.Tuesday.At(new LocalTime(16, 0)),
                null, Actor.Owner(TestAgenda.OwnerUserId));
        }

        var busy = Assert.IsType<BookingOutcome.Busy>(booked);
        Assert.Equal("booking.busy", busy.Error.Code);
        Assert.Equal("Estamos con mucha demanda, probá de nuevo.", busy.Refusal!.Message);
        Assert.Equal("booking.busy", blocked.Error?.Code);
        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(request, Actor.Customer(TestAgenda.CustomerUserId)));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Bookings.CountAsync());
        Assert.Empty(await db.TimeOff.ToListAsync());
    }

    [Fact]
    public async Task ATransactionDroppedWithoutCommitOnAnOpenConnection_DoesNotKeepTheGate()
    {
        await using var database = await DatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        await using var careless = database.NewContext();
        await careless.Database.OpenConnectionAsync();
        var dropped = await careless.Database.BeginTransactionAsync();
        await dropped.DisposeAsync();   // neither commit nor rollback; the connection stays open

        var outcome = await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)),
            Actor.Customer(TestAgenda.CustomerUserId));

        Assert.IsType<BookingOutcome.Succeeded>(outcome);
    }
}
