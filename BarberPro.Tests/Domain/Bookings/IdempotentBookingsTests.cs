using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>Idempotency keys on a real SQLite file: retries, racing retries, reuse and a request that died.</summary>
public sealed class IdempotentBookingsTests
{
    private static IdempotentBookings Idempotent(SqliteTestDatabase database) =>
        new(database.DbFactory, database.Bookings, database.Clock, NullLogger<IdempotentBookings>.Instance);

    [Fact]
    public async Task SameKey_Retried_ReturnsTheSameBooking_AndBooksOnce()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10));
        var actor = Actor.Customer(TestAgenda.CustomerUserId);

        var first = Assert.IsType<IdempotentBookingResult.Completed>(await Idempotent(database).BookAsync("key-1", request, actor));
        var second = Assert.IsType<IdempotentBookingResult.Completed>(await Idempotent(database).BookAsync("key-1", request, actor));

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(Booked(first).Id, Booked(second).Id);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task SameKey_RacedConcurrently_BooksOnce_AndEveryRequestGetsThatBooking()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11));
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        var service = Idempotent(database);
        using var go = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            return await service.BookAsync("race-key", request, actor);
        })).ToList();
        go.Set();
        var results = await Task.WhenAll(tasks);

        var ids = results.Select(r => Booked(Assert.IsType<IdempotentBookingResult.Completed>(r)).Id).Distinct().ToList();
        Assert.Single(ids);
        Assert.Single(results, r => r is IdempotentBookingResult.Completed { Replayed: false });
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task SameKey_DifferentRequest_IsRefused()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        await Idempotent(database).BookAsync("k", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), actor);

        var result = await Idempotent(database).BookAsync("k", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(15)), actor);

        Assert.Equal("idempotency.key_reused", Assert.IsType<IdempotentBookingResult.KeyReused>(result).Error.Code);
    }

    [Fact]
    public async Task SameKey_OtherUser_IsAnotherRequest()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);

        var mine = await Idempotent(database).BookAsync("shared", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Actor.Customer(TestAgenda.CustomerUserId));
        var theirs = await Idempotent(database).BookAsync("shared", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), Actor.Customer(TestAgenda.OtherCustomerUserId));

        Assert.NotEqual(Booked(mine).Id, Booked(theirs).Id);
    }

    [Fact]
    public async Task Conflict_ReleasesTheKey_SoARetryRunsAgain()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10));
        var taken = await database.Bookings.BookAsync(request, Actor.Customer(TestAgenda.OtherCustomerUserId));
        var actor = Actor.Customer(TestAgenda.CustomerUserId);

        var first = Assert.IsType<IdempotentBookingResult.Completed>(await Idempotent(database).BookAsync("k", request, actor));
        Assert.IsType<BookingOutcome.Conflict>(first.Outcome);
        var cancelled = await database.Bookings.ApplyAsync(Assert.IsType<BookingOutcome.Succeeded>(taken).Booking.Id, BookingAction.Cancel, Actor.Customer(TestAgenda.OtherCustomerUserId));
        Assert.True(cancelled is BookingOutcome.Succeeded, cancelled.ToString());
        var retry = Assert.IsType<IdempotentBookingResult.Completed>(await Idempotent(database).BookAsync("k", request, actor));

        Assert.False(retry.Replayed);
        Assert.IsType<BookingOutcome.Succeeded>(retry.Outcome);
    }

    /// <summary>Fails the first write of an idempotency key, as a crash between two transactions would.</summary>
    private sealed class FailFirstKeyWrite : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _failed;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Check(command) ?? base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        private ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>>? Check(System.Data.Common.DbCommand command)
        {
            var text = command.CommandText;
            var writesKey = (text.Contains("UPDATE \"BookingRequestKeys\"", StringComparison.Ordinal) && text.Contains("BookingId", StringComparison.Ordinal))
                || (text.Contains("INSERT INTO \"BookingRequestKeys\"", StringComparison.Ordinal) && text.Contains("Bookings", StringComparison.Ordinal));
            if (writesKey && Interlocked.Exchange(ref _failed, 1) == 0)
                throw new InvalidOperationException("Simulated crash while recording the idempotency key.");
            return null;
        }
    }

    [Fact]
    public async Task KeyAndBooking_CommitTogether_AFailureNeverLeavesABookingWithoutItsKey()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10));
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        var factory = new InterceptedFactory(database, new FailFirstKeyWrite());
        var idempotent = new IdempotentBookings(factory, factory.Bookings(), database.Clock, NullLogger<IdempotentBookings>.Instance);

        try
        {
            await idempotent.BookAsync("k", request, actor);
        }
        catch (InvalidOperationException)
        {
            // The simulated crash.
        }

        await using (var db = database.NewContext())
            Assert.Equal(await db.Bookings.CountAsync(), await db.BookingRequestKeys.CountAsync(k => k.BookingId != null));
        var retry = Assert.IsType<IdempotentBookingResult.Completed>(await Idempotent(database).BookAsync("k", request, actor));
        Assert.IsType<BookingOutcome.Succeeded>(retry.Outcome);
        await using (var db = database.NewContext())
            Assert.Equal(1, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task ExpiredKeys_AreSwept_OthersStay()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        Booked(await Idempotent(database).BookAsync("old", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), actor));
        database.Clock.Advance(IdempotentBookings.KeyLifetime - Duration.FromHours(1));
        Booked(await Idempotent(database).BookAsync("new", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), actor));
        database.Clock.Advance(Duration.FromHours(2));

        Assert.Equal(1, await Idempotent(database).SweepExpiredAsync());

        await using var db = database.NewContext();
        Assert.Equal("new", await db.BookingRequestKeys.Select(k => k.Key).SingleAsync());
    }

    [Fact]
    public async Task AbandonedKey_WithoutBooking_IsReleased_AndTheRetryBooks()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10));
        await using (var db = database.NewContext())
        {
            db.BookingRequestKeys.Add(new BookingRequestKey(TestAgenda.CustomerUserId, "k", IdempotentBookings.Fingerprint(request), request, database.Clock.GetCurrentInstant()));
            await db.SaveChangesAsync();
        }
        database.Clock.Advance(Duration.FromMinutes(3));

        var retry = Assert.IsType<IdempotentBookingResult.Completed>(await Idempotent(database).BookAsync("k", request, Actor.Customer(TestAgenda.CustomerUserId)));

        Assert.False(retry.Replayed);
        Assert.IsType<BookingOutcome.Succeeded>(retry.Outcome);
    }

    private static Booking Booked(IdempotentBookingResult result) =>
        Assert.IsType<BookingOutcome.Succeeded>(Assert.IsType<IdempotentBookingResult.Completed>(result).Outcome).Booking;
}
