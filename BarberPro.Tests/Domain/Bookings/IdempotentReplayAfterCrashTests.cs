using System.Data.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// The server dies after the booking's transaction committed and before the client heard back: the client retries with
/// the same key (against a fresh process) and must get that booking, not a second one and not a conflict with itself.
/// </summary>
public sealed class IdempotentReplayAfterCrashTests
{
    [Fact]
    public async Task KeyedBooking_CommittedButNeverAnswered_ReplaysTheSameBooking()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), "Degradé");
        var actor = Actor.Customer(TestAgenda.CustomerUserId);
        var crashing = new InterceptedFactory(database, new CrashAfterCommit());
        var dying = new IdempotentBookings(crashing, crashing.Bookings(), database.Clock, NullLogger<IdempotentBookings>.Instance);

        await Assert.ThrowsAsync<CrashAfterCommit.Crash>(() => dying.BookAsync("retry-me", request, actor));

        Guid committedId;
        await using (var db = database.NewContext())
            committedId = Assert.Single(await db.Bookings.Where(b => b.Start == request.Start).Select(b => b.Id).ToListAsync());
        var restarted = new IdempotentBookings(database.DbFactory, database.Bookings, database.Clock, NullLogger<IdempotentBookings>.Instance);

        var retry = Assert.IsType<IdempotentBookingResult.Completed>(await restarted.BookAsync("retry-me", request, actor));

        Assert.True(retry.Replayed);
        Assert.Equal(committedId, Assert.IsType<BookingOutcome.Succeeded>(retry.Outcome).Booking.Id);
        await using var check = database.NewContext();
        Assert.Equal(1, await check.Bookings.CountAsync());
        Assert.Equal(1, await check.BookingRequestKeys.CountAsync());
    }

    /// <summary>Throws right after a transaction committed: the process "dies" before anything answers the client.</summary>
    private sealed class CrashAfterCommit : DbTransactionInterceptor
    {
        public sealed class Crash() : Exception("The server died after the commit.");

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
            throw new Crash();

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => throw new Crash();
    }
}
