using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// The no-double-booking guarantee under real concurrency: many tasks, each with its own DbContext and
/// connection, racing on one SQLite file (WAL, synchronous=FULL), as the app runs.
/// </summary>
public sealed class DoubleBookingTests
{
    private const int Attempts = 32;
    private const int Rounds = 8;

    [Fact]
    public async Task SameSlot_RacedByManyCustomers_ExactlyOneWins_EveryRound()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: Attempts);

        for (var round = 0; round < Rounds; round++)
        {
            var start = TestAgenda.Local(WorkingDay(round).At(new LocalTime(9, 0)));
            var outcomes = await RaceAsync(Attempts, i => database.Bookings.BookAsync(
                new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start),
                Actor.Customer(TestAgenda.ExtraCustomerUserId(i))));

            Assert.Single(outcomes, o => o is BookingOutcome.Succeeded);
            Assert.All(outcomes.Where(o => o is not BookingOutcome.Succeeded), o =>
            {
                var conflict = Assert.IsType<BookingOutcome.Conflict>(o);
                Assert.Equal("slot.taken", conflict.Error.Code);
                Assert.NotEmpty(conflict.Alternatives);
                Assert.DoesNotContain(start, conflict.Alternatives);
            });
        }

        await using var db = database.NewContext();
        var rows = await db.Bookings.Where(b => b.ProviderId == agenda.Barber.Id).ToListAsync();
        Assert.Equal(Rounds, rows.Count);
        AssertNoOverlaps(rows);
    }

    [Fact]
    public async Task OverlappingDifferentSlots_Raced_NoTwoWinnersOverlap()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: Attempts);

        for (var round = 0; round < Rounds; round++)
        {
            // Starts every 15 minutes from 09:00 to 12:30, each asked for twice; a 30-minute haircut plus its
            // 5-minute buffer overlaps the next two starts, so most pairs of neighbours cannot both win.
            var day = WorkingDay(round);
            var starts = Enumerable.Range(0, Attempts)
                .Select(i => TestAgenda.Local(day.At(new LocalTime(9, 0)).PlusMinutes(15 * (i % 15))))
                .ToArray();
            var outcomes = await RaceAsync(Attempts, i => database.Bookings.BookAsync(
                new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, starts[i]),
                Actor.Customer(TestAgenda.ExtraCustomerUserId(i))));

            Assert.All(outcomes, o => Assert.True(o is BookingOutcome.Succeeded or BookingOutcome.Conflict, o.ToString()));
            var winners = outcomes.OfType<BookingOutcome.Succeeded>().Select(s => s.Booking).ToList();
            Assert.InRange(winners.Count, 4, 15);
            AssertNoOverlaps(winners);
        }

        await using var db = database.NewContext();
        AssertNoOverlaps(await db.Bookings.Where(b => b.ProviderId == agenda.Barber.Id).ToListAsync());
    }

    [Fact]
    public async Task DifferentBarbers_SameTime_BothWin()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var start = TestAgenda.TuesdayAt(10);

        var outcomes = await RaceAsync(2, i => database.Bookings.BookAsync(
            new NewBooking(i == 0 ? agenda.Barber.Id : agenda.OtherBarber.Id, agenda.Haircut.Id, start),
            Actor.Customer(i == 0 ? TestAgenda.CustomerUserId : TestAgenda.OtherCustomerUserId)));

        Assert.All(outcomes, o => Assert.IsType<BookingOutcome.Succeeded>(o));
    }

    [Fact]
    public async Task CalendarToken_TwoWritersReadTheSameVersion_TheSecondSaveFails()
    {
        // The guard the booking service relies on, without its transaction: the database itself refuses the second
        // update of the calendar row because its WHERE Version = @read no longer matches.
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var calendarA = await first.ProviderCalendars.SingleAsync(c => c.ProviderId == agenda.Barber.Id);
        var calendarB = await second.ProviderCalendars.SingleAsync(c => c.ProviderId == agenda.Barber.Id);

        calendarA.Touch(database.Clock.GetCurrentInstant());
        await first.SaveChangesAsync();
        calendarB.Touch(database.Clock.GetCurrentInstant());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = database.NewContext();
        Assert.Equal(1, (await check.ProviderCalendars.SingleAsync(c => c.ProviderId == agenda.Barber.Id)).Version);
    }

    [Fact]
    public async Task RescheduleAndBook_RacingForTheSameSlot_OnlyOneGetsIt()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: Attempts);
        var target = TestAgenda.TuesdayAt(15);
        var existing = new List<Guid>();
        for (var i = 0; i < Attempts / 2; i++)
        {
            var booked = await database.Bookings.BookAsync(
                new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(9).Plus(Duration.FromDays(1 + i % 4)).Plus(Duration.FromMinutes(45 * (i / 4)))),
                Actor.Customer(TestAgenda.ExtraCustomerUserId(i)));
            existing.Add(Assert.IsType<BookingOutcome.Succeeded>(booked).Booking.Id);
        }

        var outcomes = await RaceAsync(Attempts, i => i < Attempts / 2
            ? database.Bookings.RescheduleAsync(existing[i], target, Actor.Customer(TestAgenda.ExtraCustomerUserId(i)))
            : database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, target), Actor.Customer(TestAgenda.ExtraCustomerUserId(i))));

        Assert.Single(outcomes, o => o is BookingOutcome.Succeeded);
        await using var db = database.NewContext();
        AssertNoOverlaps(await db.Bookings.Where(b => b.ProviderId == agenda.Barber.Id).ToListAsync());
    }

    /// <summary>The n-th Tuesday-to-Saturday date from <see cref="TestAgenda.Tuesday"/>.</summary>
    private static LocalDate WorkingDay(int n) => TestAgenda.Tuesday.PlusWeeks(n / 5).PlusDays(n % 5);

    private static async Task<BookingOutcome[]> RaceAsync(int count, Func<int, Task<BookingOutcome>> attempt)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                await gate.Task;
                return await attempt(i);
            }))
            .ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static void AssertNoOverlaps(IEnumerable<Booking> bookings)
    {
        var blocking = bookings.Where(b => b.Status.IsBlocking()).OrderBy(b => b.BlockedStart).ToList();
        for (var i = 1; i < blocking.Count; i++)
        {
            Assert.True(blocking[i - 1].BlockedEnd <= blocking[i].BlockedStart,
                $"Bookings {blocking[i - 1].Id} and {blocking[i].Id} overlap.");
        }
    }
}
