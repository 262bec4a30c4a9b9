using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Tests.Data;

/// <summary>
/// The concurrency suite of the agenda's write path (issue 9), the same bodies on every database: real connections,
/// racers released together by one gate, each race repeated on several slots, and double bookings counted afterwards
/// by SQL over the table (<see cref="TestDatabase.CountDoubleBookingsAsync"/>), not from the services' answers.
/// </summary>
public abstract class AgendaRaceTests
{
    /// <summary>How many times each race runs (on different slots of one database).</summary>
    private const int Rounds = 4;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Runs <paramref name="racers"/> bodies that all start when the gate opens; returns their answers.</summary>
    private static async Task<T[]> RaceAsync<T>(int racers, Func<int, Task<T>> body)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, racers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await body(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private static readonly int[] Hours = [9, 11, 15, 17];

    /// <summary>A free start for each round: Tuesday at 09, 11, 15 and 17 h.</summary>
    private static Instant RoundStart(int round) => TestAgenda.TuesdayAt(Hours[round % Hours.Length]);

    [Fact]
    public async Task ConfirmReadingAStaleBooking_AfterCancelAndRebook_DoesNotResurrectIt()
    {
        // The issue's sequence: staff Confirm reads B as Pending; the customer cancels B; another customer books the freed
        // slot; Confirm then commits. Before the lock-first pipeline, PostgreSQL (READ COMMITTED) let Confirm set B back
        // to Confirmed next to the new booking (the exclusion constraint then threw; without it: a double booking).
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var start = TestAgenda.TuesdayAt(10);
        var b = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.CustomerUserId))).Booking;

        var pause = new PauseAtFirstBookingRead();
        var staff = new InterceptedFactory(database, pause).Bookings();
        var confirm = Task.Run(() => staff.ApplyAsync(b.Id, BookingAction.Confirm, Actor.Owner(TestAgenda.OwnerUserId)));
        await pause.Reached;

        var started = new SignalOnTransactionStart();
        var customers = new InterceptedFactory(database, started).Bookings();
        var cancelThenBook = Task.Run(async () =>
        {
            var cancelled = await customers.ApplyAsync(b.Id, BookingAction.Cancel, Actor.Customer(TestAgenda.CustomerUserId), "No llego");
            var booked = await customers.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.OtherCustomerUserId));
            return (cancelled, booked);
        });
        // Let Confirm go on once the others have run, or as soon as they wait behind Confirm's lock.
        await Task.WhenAny(cancelThenBook, WriterWaitingAsync(database, started));
        pause.Release();

        var confirmed = await confirm;
        var (cancel, book) = await cancelThenBook;

        Assert.IsType<BookingOutcome.Succeeded>(confirmed);
        Assert.IsType<BookingOutcome.Succeeded>(cancel);
        Assert.IsType<BookingOutcome.Succeeded>(book);
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
        await using var db = database.NewContext();
        var stored = await db.Bookings.Include(x => x.History).SingleAsync(x => x.Id == b.Id);
        Assert.Equal(BookingStatus.Cancelled, stored.Status);
        AssertHistoryChains(stored);
    }

    /// <summary>Completes when another writer is waiting for a lock: a PostgreSQL backend waiting on a lock, or (SQLite) a writer beginning its transaction.</summary>
    private static async Task WriterWaitingAsync(TestDatabase database, SignalOnTransactionStart started)
    {
        if (database is not PostgreSqlTestDatabase postgres)
        {
            await started.Started;
            return;
        }
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
            await Task.Delay(10);
    }

    [Fact]
    public async Task SameSlot_RacedBy32Customers_OneWinsEachRound_OthersSeeTaken()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: 32);
        for (var round = 0; round < Rounds; round++)
        {
            var start = RoundStart(round);
            var outcomes = await RaceAsync(32, i => database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start),
                Actor.Customer(TestAgenda.ExtraCustomerUserId(i))));
            Assert.Single(outcomes, o => o is BookingOutcome.Succeeded);
            Assert.All(outcomes.Where(o => o is not BookingOutcome.Succeeded), o => Assert.IsType<BookingOutcome.Conflict>(o));
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
        await using var db = database.NewContext();
        Assert.Equal(Rounds, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task VisitsOfSeveralServices_RacedWithSingleBookingsOverTheirSecondPart_AllOrNone_NeverOverlap()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: 16);
        for (var round = 0; round < Rounds; round++)
        {
            // Even racers book "color + corte" at the round's start (90 minutes, the corte from +60); odd racers book a corte
            // alone at +60, inside the visit's second part. One of them wins the round; a visit never lands half.
            var start = RoundStart(round);
            var outcomes = await RaceAsync(16, i => database.Bookings.BookAsync(i % 2 == 0
                    ? NewBooking.ForVisit(agenda.Barber.Id, [agenda.Color.Id, agenda.Haircut.Id], start)
                    : new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start + Duration.FromMinutes(60)),
                Actor.Customer(TestAgenda.ExtraCustomerUserId(i))));
            Assert.Single(outcomes, o => o is BookingOutcome.Succeeded);
            Assert.All(outcomes, o => Assert.True(o is BookingOutcome.Succeeded or BookingOutcome.Conflict, o.ToString()));
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
        await using var db = database.NewContext();
        Assert.Equal(Rounds, await db.Bookings.CountAsync());
        // Parts only of the visits that won, two each.
        var visits = await db.Bookings.CountAsync(b => b.OfferingId == agenda.Color.Id);
        Assert.Equal(2 * visits, await db.BookingParts.CountAsync());
    }

    [Fact]
    public async Task OverlappingSlots_RacedByStaff_NeverOverlapOnTheTable()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        for (var round = 0; round < Rounds; round++)
        {
            // Starts on the 15-minute grid, 0, 15 and 30 minutes past: every pair overlaps (a 30-minute haircut plus its 5-minute buffer).
            var first = RoundStart(round);
            var outcomes = await RaceAsync(16, i => database.Bookings.BookAsync(
                new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, first + Duration.FromMinutes(15 * (i % 3)), CustomerId: agenda.Customer.Id),
                Actor.Owner(TestAgenda.OwnerUserId)));
            Assert.Single(outcomes, o => o is BookingOutcome.Succeeded);
            Assert.All(outcomes, o => Assert.True(o is BookingOutcome.Succeeded or BookingOutcome.Conflict, o.ToString()));
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
    }

    [Fact]
    public async Task RescheduleAgainstBook_OneOfThemGetsTheSlot()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: 16);
        for (var round = 0; round < Rounds; round++)
        {
            var target = RoundStart(round);
            var moving = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
                new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, target + Duration.FromHours(1)), Actor.Customer(TestAgenda.CustomerUserId))).Booking;
            var outcomes = await RaceAsync(17, i => i == 0
                ? database.Bookings.RescheduleAsync(moving.Id, target, Actor.Customer(TestAgenda.CustomerUserId))
                : database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, target), Actor.Customer(TestAgenda.ExtraCustomerUserId(i - 1))));
            Assert.Single(outcomes, o => o is BookingOutcome.Succeeded);
            Assert.All(outcomes, o => Assert.True(o is BookingOutcome.Succeeded or BookingOutcome.Conflict, o.ToString()));
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
    }

    [Fact]
    public async Task StatusChanges_AgainstEachOther_EachStartsFromTheStatusTheOtherLeft()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var ids = new List<Guid>();
        for (var round = 0; round < Rounds * 2; round++)
        {
            var b = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(
                new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(round < 4 ? 9 + round : 11 + round)), Actor.Customer(TestAgenda.CustomerUserId))).Booking;
            ids.Add(b.Id);
            var outcomes = await RaceAsync(6, i => (i % 3) switch
            {
                0 => database.Bookings.ApplyAsync(b.Id, BookingAction.Confirm, Actor.Owner(TestAgenda.OwnerUserId)),
                1 => database.Bookings.ApplyAsync(b.Id, BookingAction.Cancel, Actor.Customer(TestAgenda.CustomerUserId), "Carrera"),
                _ => database.Bookings.ApplyAsync(b.Id, BookingAction.Cancel, Actor.Owner(TestAgenda.OwnerUserId), "Carrera"),
            });
            Assert.All(outcomes, o => Assert.True(o is BookingOutcome.Succeeded or BookingOutcome.Rejected, o.ToString()));
        }
        await using var db = database.NewContext();
        foreach (var booking in await db.Bookings.Include(x => x.History).Where(x => ids.Contains(x.Id)).ToListAsync())
            AssertHistoryChains(booking);
    }

    [Fact]
    public async Task TimeOffAgainstBookings_NoBookingEndsUpInsideTimeOff()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: 12);
        var schedule = database.Services.GetRequiredService<ScheduleService>();
        for (var round = 0; round < Rounds; round++)
        {
            var day = TestAgenda.Tuesday.PlusDays(round % 4);
            const int hour = 9;
            var outcomes = await RaceAsync(13, async i => i == 0
                ? (object)await schedule.AddTimeOffAsync(agenda.Barber.Id, day.At(new LocalTime(hour, 0)), day.At(new LocalTime(hour + 1, 0)), "Trámite", Actor.Owner(TestAgenda.OwnerUserId))
                : await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id,
                    TestAgenda.Local(day.At(new LocalTime(hour, (i % 2) * 30)))), Actor.Customer(TestAgenda.ExtraCustomerUserId(i - 1))));
            Assert.All(outcomes.OfType<BookingOutcome>(), o => Assert.True(o is BookingOutcome.Succeeded or BookingOutcome.Conflict or BookingOutcome.Rejected, o.ToString()));
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
        await using var db = database.NewContext();
        var timeOff = await db.Set<TimeOff>().Where(t => t.ProviderId == agenda.Barber.Id).ToListAsync();
        var bookings = await db.Bookings.Where(b => b.ProviderId == agenda.Barber.Id).ToListAsync();
        foreach (var off in timeOff)
        {
            var span = new Interval(TestAgenda.Local(off.Start), TestAgenda.Local(off.End));
            Assert.DoesNotContain(bookings, b => b.BlockedStart < span.End && span.Start < b.BlockedEnd);
        }
    }

    [Fact]
    public async Task AnyBarber_AgainstDirectBookings_TwoBarbersTwoBookingsAtMost()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers: 12);
        for (var round = 0; round < Rounds; round++)
        {
            var start = RoundStart(round);
            var outcomes = await RaceAsync(12, i => (i % 3) switch
            {
                0 => database.Bookings.BookAnyAsync(agenda.Shop.Id, agenda.Haircut.Id, start, null, Actor.Customer(TestAgenda.ExtraCustomerUserId(i))),
                1 => database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.ExtraCustomerUserId(i))),
                _ => database.Bookings.BookAsync(new NewBooking(agenda.OtherBarber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.ExtraCustomerUserId(i))),
            });
            Assert.Equal(2, outcomes.Count(o => o is BookingOutcome.Succeeded));
            Assert.All(outcomes, o => Assert.True(o is BookingOutcome.Succeeded or BookingOutcome.Conflict, o.ToString()));
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
    }

    [Fact]
    public async Task IdempotentRetries_Racing_MakeOneBooking()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var idempotent = database.Services.GetRequiredService<IdempotentBookings>();
        for (var round = 0; round < Rounds; round++)
        {
            var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, RoundStart(round));
            var results = await RaceAsync(8, _ => idempotent.BookAsync($"retry-{round}", request, Actor.Customer(TestAgenda.CustomerUserId)));
            var ids = results.OfType<IdempotentBookingResult.Completed>().Select(c => Assert.IsType<BookingOutcome.Succeeded>(c.Outcome).Booking.Id).Distinct();
            Assert.Single(ids);
        }
        Assert.Equal(0, await database.CountDoubleBookingsAsync());
        await using var db = database.NewContext();
        Assert.Equal(Rounds, await db.Bookings.CountAsync());
    }

    /// <summary>Every status change started from the status the previous one left: no change was decided on a stale read.</summary>
    private static void AssertHistoryChains(Booking booking)
    {
        // Walk the entries from creation: each next one must start where the last one ended, and all must be used.
        var left = booking.History.ToList();
        BookingStatus? current = null;
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(h => h.FromStatus == current);
            Assert.True(next is not null, $"No change starts from {current}: {string.Join(", ", booking.History.Select(h => $"{h.FromStatus}->{h.ToStatus}"))}");
            left.Remove(next);
            current = next.ToStatus;
        }
        Assert.Equal(current, booking.Status);
    }
}

public sealed class AgendaRacesOnSqliteTests : AgendaRaceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

/// <summary>On PostgreSQL with the app's retrying execution strategy on (EnableRetryOnFailure, 5 retries), as in production.</summary>
public sealed class AgendaRacesOnPostgreSqlTests : AgendaRaceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync(maxRetryCount: 5);
}

/// <summary>When contention outlasts every retry, the caller hears "busy", never "taken" or an exception.</summary>
public sealed class AgendaWriterBusyTests
{
    private sealed class AlwaysContended : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        public int Attempts;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Attempts);
            throw new DbUpdateConcurrencyException("Simulated: another writer changed the row.");
        }
    }

    [Fact]
    public async Task RetriesRunOut_BookAnswersBusy_ForAFreeSlot_AndWritesNothing()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var contended = new AlwaysContended();
        var bookings = new InterceptedFactory(database, contended).Bookings();

        var outcome = await bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId));

        var busy = Assert.IsType<BookingOutcome.Busy>(outcome);
        Assert.Equal("booking.busy", busy.Refusal!.Code);
        Assert.Equal(AgendaWriter.MaxAttempts, contended.Attempts);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Bookings.CountAsync());
    }

    [Theory]
    [InlineData("40001")]
    [InlineData("40P01")]
    [InlineData("55P03")]
    public void PostgreSqlSerializationDeadlockAndLockTimeout_AreRetryable(string sqlState) =>
        Assert.True(AgendaWriter.IsRetryable(new DbUpdateException("wrapped", new PostgresException("x", "ERROR", "ERROR", sqlState))));

    [Fact]
    public void SqliteBusyAndLocked_AreRetryable_AConstraintIsNot()
    {
        Assert.True(AgendaWriter.IsRetryable(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)));
        Assert.True(AgendaWriter.IsRetryable(new Microsoft.Data.Sqlite.SqliteException("database table is locked", 6)));
        Assert.False(AgendaWriter.IsRetryable(new Microsoft.Data.Sqlite.SqliteException("constraint failed", 19)));
        Assert.False(AgendaWriter.IsRetryable(new InvalidOperationException()));
    }
}
