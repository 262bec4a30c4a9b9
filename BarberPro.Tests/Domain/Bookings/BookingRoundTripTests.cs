using System.Data.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// What one booking costs the database, counted with a command interceptor on a real SQLite file, so the count cannot
/// silently grow back: every statement is a round trip, and on SQLite every write transaction holds the only writer.
/// </summary>
public sealed class BookingRoundTripTests(ITestOutputHelper output)
{
    /// <summary>
    /// The budget of one booking of a returning customer (already linked to the shop) without a key: the calendar lock,
    /// the provider with shop, hours, overrides and offering (one query, no split, no separate read of the zone), time
    /// off, shop closures, the busy spans (one UNION ALL), the customer, the shop link, and SaveChanges' three INSERTs
    /// (booking, outbox row, history; Microsoft.Data.Sqlite runs one statement per command). Was 14 before issue 15.
    /// </summary>
    private const int BudgetWithoutKey = 10;

    [Fact]
    public async Task Booking_WithoutKey_IsOneWriteTransaction_WithinItsRoundTripBudget()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var counter = new RoundTripCounter();
        var factory = new InterceptedFactory(database, counter);
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        // The first booking links the customer to the shop; count a returning customer's.
        Assert.IsType<BookingOutcome.Succeeded>(await factory.Bookings().BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(9)), actor));
        counter.Reset();

        Assert.IsType<BookingOutcome.Succeeded>(await factory.Bookings().BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), actor));

        output.WriteLine(counter.Describe());
        Assert.Equal(1, counter.Transactions);
        Assert.Equal(1, counter.Commits);
        Assert.InRange(counter.Commands, 1, BudgetWithoutKey);
        Assert.DoesNotContain(counter.Sql, s => s.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Booking_WithKey_IsOneWriteTransaction_AndTwoMoreRoundTripsThanWithout()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var counter = new RoundTripCounter();
        var factory = new InterceptedFactory(database, counter);
        var idempotent = new IdempotentBookings(factory, factory.Bookings(), database.Clock, NullLogger<IdempotentBookings>.Instance);
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        Assert.IsType<IdempotentBookingResult.Completed>(await idempotent.BookAsync("warm", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(9)), actor));
        counter.Reset();

        var result = await idempotent.BookAsync("key-2", new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), actor);

        output.WriteLine(counter.Describe());
        Assert.IsType<BookingOutcome.Succeeded>(Assert.IsType<IdempotentBookingResult.Completed>(result).Outcome);
        Assert.Equal(1, counter.Transactions);
        Assert.Equal(1, counter.Commits);
        // The key: one SELECT under the lock and its INSERT in the booking's SaveChanges (was a DELETE, a SELECT and the INSERT).
        Assert.InRange(counter.Commands, 1, BudgetWithoutKey + 2);
        Assert.DoesNotContain(counter.Sql, s => s.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Booking_WithKey_Replayed_WritesNothing()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var counter = new RoundTripCounter();
        var factory = new InterceptedFactory(database, counter);
        var idempotent = new IdempotentBookings(factory, factory.Bookings(), database.Clock, NullLogger<IdempotentBookings>.Instance);
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10));
        await idempotent.BookAsync("same", request, actor);
        counter.Reset();

        var replay = Assert.IsType<IdempotentBookingResult.Completed>(await idempotent.BookAsync("same", request, actor));

        output.WriteLine(counter.Describe());
        Assert.True(replay.Replayed);
        Assert.Equal(0, counter.Commits);
        Assert.DoesNotContain(counter.Sql, s => s.StartsWith("INSERT", StringComparison.Ordinal) || s.StartsWith("DELETE", StringComparison.Ordinal));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.Start == request.Start));
    }
}

/// <summary>Counts the commands (round trips) and transactions of the contexts it is added to.</summary>
public sealed class RoundTripCounter : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly List<string> _sql = [];
    private int _transactions;
    private int _commits;

    public int Commands
    {
        get { lock (_sql) return _sql.Count; }
    }

    public int Transactions => Volatile.Read(ref _transactions);
    public int Commits => Volatile.Read(ref _commits);

    public IReadOnlyList<string> Sql
    {
        get { lock (_sql) return [.. _sql]; }
    }

    public void Reset()
    {
        lock (_sql)
            _sql.Clear();
        Interlocked.Exchange(ref _transactions, 0);
        Interlocked.Exchange(ref _commits, 0);
    }

    public string Describe() =>
        $"{Commands} commands, {Transactions} transactions, {Commits} commits:\n" + string.Join("\n---\n", Sql);

    private void Count(DbCommand command)
    {
        lock (_sql)
            _sql.Add(command.CommandText.TrimStart());
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command);
        return result;
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Interlocked.Increment(ref _transactions);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _commits);
}
