using BarberPro.Domain.Data;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.Domain.Outbox;

/// <summary>
/// The transactional outbox on each database: rows commit with the agenda write, the dispatcher publishes them in
/// order and marks them, a crash between commit and publish loses nothing, retention deletes only old dispatched rows.
/// Writers here use <see cref="IOutboxSignal.None"/> (a process that never publishes after its commit) unless a test
/// wants the live path, so every dispatch is a pass the test runs itself.
/// </summary>
public abstract class OutboxOnEveryDatabaseTests
{
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static BookingService UnwokenBookings(TestDatabase database) =>
        new(database.DbFactory, database.Availability, UnwokenWriter(database), database.Metrics);

    /// <summary>The write path as the app has it, but waking no dispatcher: a process that dies between commit and publish.</summary>
    private static AgendaWriter UnwokenWriter(TestDatabase database) =>
        new(database.DbFactory, database.Clock, IOutboxSignal.None, NullLogger<AgendaWriter>.Instance, database.Metrics);

    private static OutboxDispatcher Dispatcher(TestDatabase database, IBookingEvents events, OutboxOptions? options = null) =>
        new(database.DbFactory, new LocalOutboxPublisher(events), database.Clock, options ?? new OutboxOptions(), NullLogger<OutboxDispatcher>.Instance, database.Metrics);

    private static async Task<List<OutboxMessage>> RowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
    }

    [Fact]
    public async Task BookingWrite_AddsExactlyOneRow_InItsTransaction_AndARefusedOrRolledBackWriteAddsNone()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var bookings = UnwokenBookings(database);
        var start = TestAgenda.TuesdayAt(10);

        var booked = Assert.IsType<BookingOutcome.Succeeded>(await bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Customer)).Booking;
        Assert.IsType<BookingOutcome.Conflict>(await bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Actor.Customer(TestAgenda.OtherCustomerUserId)));

        var row = Assert.Single(await RowsAsync(database));
        Assert.Equal(
            (OutboxEventType.BookingCreated, (Guid?)booked.Id, agenda.Shop.Id, agenda.Barber.Id, (BookingStatus?)BookingStatus.Pending),
            (row.Type, row.BookingId, row.ShopId, row.ProviderId, row.Status));
        Assert.Equal(((Instant?)start, (Instant?)booked.End, (Instant?)null), (row.Start, row.End, row.PreviousStart));
        Assert.Equal("2026-12-08", row.Dates);
        Assert.Equal(database.Clock.GetCurrentInstant(), row.OccurredAt);
        Assert.Equal(((Instant?)null, 0), (row.DispatchedAt, row.Attempts));

        // A row added to a write whose transaction rolls back goes with it.
        await using (var db = database.NewContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var booking = await db.Bookings.SingleAsync(b => b.Id == booked.Id);
            db.Outbox.Add(OutboxMessage.For(new BookingChange(BookingChangeKind.Cancelled, booking.Id, booking.ShopId, booking.ProviderId,
                BookingStatus.Cancelled, booking.Start, booking.End, null, [TestAgenda.Tuesday], database.Clock.GetCurrentInstant()), database.Clock.GetCurrentInstant()));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal([row.Sequence], (await RowsAsync(database)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Dispatcher_PublishesEveryKindOfChange_InSequenceOrder_InBatches_AndMarksThem()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var bookings = UnwokenBookings(database);
        var booked = Assert.IsType<BookingOutcome.Succeeded>(await bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Customer)).Booking;
        Assert.IsType<BookingOutcome.Succeeded>(await bookings.RescheduleAsync(booked.Id, TestAgenda.TuesdayAt(11), Customer));
        Assert.IsType<BookingOutcome.Succeeded>(await bookings.ApplyAsync(booked.Id, BookingAction.Confirm, Owner));
        Assert.IsType<BookingOutcome.Succeeded>(await bookings.ApplyAsync(booked.Id, BookingAction.Cancel, Owner, "Se enfermó"));
        Assert.True((await new ScheduleService(database.DbFactory, UnwokenWriter(database))
            .SetOverrideAsync(agenda.Barber.Id, TestAgenda.Tuesday.PlusDays(1), [], null, Owner)).Succeeded);
        Assert.True((await new ShopSettingsService(database.DbFactory, database.Clock, UnwokenWriter(database))
            .CloseOnAsync(agenda.Shop.Id, TestAgenda.Tuesday.PlusDays(2), null, Owner)).Succeeded);

        var rows = await RowsAsync(database);
        Assert.Equal(
            [OutboxEventType.BookingCreated, OutboxEventType.BookingMoved, OutboxEventType.BookingStatusChanged, OutboxEventType.BookingCancelled,
             OutboxEventType.AvailabilityChanged, OutboxEventType.AvailabilityChanged, OutboxEventType.AvailabilityChanged],
            rows.Select(r => r.Type));
        Assert.Equal(TestAgenda.TuesdayAt(10), rows[1].PreviousStart);
        Assert.All(rows, r => Assert.Null(r.DispatchedAt));

        var events = new InProcessBookingEvents();
        var received = new List<BookingChange>();
        using var subscription = events.Subscribe(change =>
        {
            lock (received)
                received.Add(change);
            return Task.CompletedTask;
        });
        database.Clock.AdvanceMinutes(1);
        var dispatcher = Dispatcher(database, events, new OutboxOptions { BatchSize = 2 });

        Assert.Equal(7, await dispatcher.DispatchPendingAsync());
        Assert.Equal(0, await dispatcher.DispatchPendingAsync());

        Assert.Equal(rows.Select(r => r.ToChange().Kind), received.Select(c => c.Kind));
        Assert.Equal(
            [BookingChangeKind.Created, BookingChangeKind.Updated, BookingChangeKind.Updated, BookingChangeKind.Cancelled,
             BookingChangeKind.AvailabilityChanged, BookingChangeKind.AvailabilityChanged, BookingChangeKind.AvailabilityChanged],
            received.Select(c => c.Kind));
        Assert.Equal(TestAgenda.TuesdayAt(11), received[1].Start);
        Assert.Equal([TestAgenda.Tuesday], received[1].Dates);
        Assert.Equal((BookingStatus?)BookingStatus.Confirmed, received[2].Status);
        Assert.Equal([TestAgenda.Tuesday.PlusDays(1)], received[4].Dates);
        Assert.Equal(Guid.Empty, received[4].BookingId);
        Assert.Equal(new[] { agenda.Barber.Id, agenda.OtherBarber.Id }.Order(), received.Skip(5).Select(c => c.ProviderId).Order());
        Assert.All(await RowsAsync(database), r => Assert.Equal(((Instant?)database.Clock.GetCurrentInstant(), 1), (r.DispatchedAt, r.Attempts)));
    }

    [Fact]
    public async Task TwoServersDispatchingAtOnce_PublishEachRowOnce_AndARowLeftLeasedByADeadServerIsPublishedAfterItsLease()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var bookings = UnwokenBookings(database);
        foreach (var barber in new[] { agenda.Barber, agenda.OtherBarber })
            for (var hour = 9; hour <= 19; hour++)
                if (hour != 13)
                    Assert.IsType<BookingOutcome.Succeeded>(await bookings.BookAsync(new NewBooking(barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(hour)), Customer));
        var first = new FailingOnce(failAt: 0);
        var second = new FailingOnce(failAt: 0);
        var servers = new[] { Dispatcher(database, first, new OutboxOptions { BatchSize = 3 }), Dispatcher(database, second, new OutboxOptions { BatchSize = 3 }) };

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var passes = servers.Select(server => Task.Run(async () => { await gate.Task; return await server.DispatchPendingAsync(); })).ToArray();
        gate.SetResult();
        var published = await Task.WhenAll(passes);

        var rows = await RowsAsync(database);
        Assert.Equal(20, rows.Count);
        Assert.Equal(20, published.Sum());
        Assert.Equal(rows.Select(r => r.ToChange().BookingId).Order(), first.Published.Concat(second.Published).Select(c => c.BookingId).Order());
        Assert.All(rows, r => Assert.Equal((true, 1, (string?)null), (r.DispatchedAt is not null, r.Attempts, r.LeaseOwner)));

        // A server claims a row and dies before publishing it: nobody publishes it until the lease runs out.
        Assert.IsType<BookingOutcome.Succeeded>(await bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Local(TestAgenda.Tuesday.PlusDays(1).At(new LocalTime(10, 0)))), Customer));
        var now = database.Clock.GetCurrentInstant();
        await using (var db = database.NewContext())
            Assert.Equal(1, await db.Outbox.Where(m => m.DispatchedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, "dead-server").SetProperty(m => m.LeaseUntil, now + Duration.FromSeconds(30))));
        Assert.Equal(0, await servers[0].DispatchPendingAsync());
        database.Clock.Advance(Duration.FromSeconds(31));
        Assert.Equal(1, await servers[1].DispatchPendingAsync());
    }

    [Fact]
    public async Task AFailingPublish_StopsThePass_AndTheNextPassResumesThere_NothingSkippedOrReordered()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var bookings = UnwokenBookings(database);
        for (var hour = 10; hour <= 12; hour++)
            Assert.IsType<BookingOutcome.Succeeded>(await bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(hour)), Customer));

        var events = new FailingOnce(failAt: 2);
        var dispatcher = Dispatcher(database, events);

        Assert.Equal(1, await dispatcher.DispatchPendingAsync());
        var rows = await RowsAsync(database);
        Assert.Equal([(true, 1), (false, 1), (false, 0)], rows.Select(r => (r.DispatchedAt is not null, r.Attempts)));

        Assert.Equal(2, await dispatcher.DispatchPendingAsync());
        Assert.Equal([TestAgenda.TuesdayAt(10), TestAgenda.TuesdayAt(11), TestAgenda.TuesdayAt(12)], events.Published.Select(c => c.Start!.Value));
        Assert.Equal([1, 2, 1], (await RowsAsync(database)).Select(r => r.Attempts));
    }

    [Fact]
    public async Task ProcessDiesBetweenCommitAndPublish_ANewAppInstance_DeliversEachEventExactlyOnce()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var firstInstanceHeard = 0;
        using var firstSubscription = database.Events.Subscribe(_ =>
        {
            Interlocked.Increment(ref firstInstanceHeard);
            return Task.CompletedTask;
        });

        // The writer commits and "dies" before publishing: its dispatcher is never woken.
        var bookings = UnwokenBookings(database);
        var booked = Assert.IsType<BookingOutcome.Succeeded>(await bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Customer)).Booking;
        Assert.IsType<BookingOutcome.Succeeded>(await bookings.ApplyAsync(booked.Id, BookingAction.Cancel, Owner));
        Assert.Equal(0, firstInstanceHeard);

        // A restarted app on the same database: its hosted dispatcher polls at start-up and delivers both.
        await using var restarted = database.NewAppInstance();
        var heard = new List<BookingChange>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = restarted.GetRequiredService<IBookingEvents>().Subscribe(change =>
        {
            lock (heard)
            {
                heard.Add(change);
                if (heard.Count == 2)
                    both.TrySetResult();
            }
            return Task.CompletedTask;
        });
        var hosted = restarted.GetRequiredService<OutboxDispatcher>();
        await hosted.StartAsync(CancellationToken.None);
        await both.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await hosted.StopAsync(CancellationToken.None);

        // Later passes (another wake, another instance) find nothing left to deliver.
        Assert.Equal(0, await hosted.DispatchPendingAsync());
        Assert.Equal(0, await Dispatcher(database, restarted.GetRequiredService<IBookingEvents>()).DispatchPendingAsync());
        Assert.Equal([BookingChangeKind.Created, BookingChangeKind.Cancelled], heard.Select(c => c.Kind));
        Assert.All(heard, c => Assert.Equal(booked.Id, c.BookingId));
        Assert.All(await RowsAsync(database), r => Assert.Equal(1, r.Attempts));
        Assert.Equal(0, firstInstanceHeard);
    }

    [Fact]
    public async Task LiveWrite_WakesTheDispatcher_AndSubscribersHearTheChange()
    {
        await using var database = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(database);
        var heard = new TaskCompletionSource<BookingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = database.Events.Subscribe(change =>
        {
            heard.TrySetResult(change);
            return Task.CompletedTask;
        });

        var booked = Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Customer)).Booking;

        Assert.Equal(booked.Id, (await heard.Task.WaitAsync(TimeSpan.FromSeconds(30))).BookingId);
        await database.Outbox.DispatchPendingAsync();
        Assert.NotNull(Assert.Single(await RowsAsync(database)).DispatchedAt);
    }

    [Fact]
    public async Task Retention_DeletesOnlyDispatchedRowsOlderThanTheRetention_InBatches_AndSequencesAreNeverReused()
    {
        await using var database = await CreateDatabaseAsync();
        var events = new InProcessBookingEvents();
        var dispatcher = Dispatcher(database, events, new OutboxOptions { RetentionDays = 7, PurgeBatchSize = 2 });
        var t0 = database.Clock.GetCurrentInstant();

        await AddRowsAsync(database, 5);
        await dispatcher.DispatchPendingAsync(); // rows 1-5 dispatched at t0
        database.Clock.Advance(Duration.FromDays(6));
        await AddRowsAsync(database, 1);
        await dispatcher.DispatchPendingAsync(); // row 6 dispatched at t0 + 6 days
        await AddRowsAsync(database, 1, occurredAt: t0); // row 7: old, never dispatched
        database.Clock.Advance(Duration.FromDays(1) + Duration.FromSeconds(1));

        var before = await RowsAsync(database);
        Assert.Equal(5, await dispatcher.PurgeDispatchedAsync());
        Assert.Equal(before.Skip(5).Select(r => r.Sequence), (await RowsAsync(database)).Select(r => r.Sequence));
        Assert.Equal(0, await dispatcher.PurgeDispatchedAsync());

        // Everything old and dispatched, the newest row included: the table empties, and new rows still get new sequences.
        await dispatcher.DispatchPendingAsync();
        database.Clock.Advance(Duration.FromDays(8));
        Assert.Equal(2, await dispatcher.PurgeDispatchedAsync());
        Assert.Empty(await RowsAsync(database));
        await AddRowsAsync(database, 1);
        Assert.True(Assert.Single(await RowsAsync(database)).Sequence > before.Max(r => r.Sequence));
    }

    private static async Task AddRowsAsync(TestDatabase database, int count, Instant? occurredAt = null)
    {
        await using var db = database.NewContext();
        var now = occurredAt ?? database.Clock.GetCurrentInstant();
        for (var i = 0; i < count; i++)
            db.Outbox.Add(OutboxMessage.For(new BookingChange(BookingChangeKind.AvailabilityChanged, Guid.Empty, Guid.CreateVersion7(), Guid.CreateVersion7(),
                null, null, null, null, [], now), now));
        await db.SaveChangesAsync();
    }

    /// <summary>Publishes into a list, throwing once at the <c>failAt</c>-th publish (1-based), as a broken broker would.</summary>
    private sealed class FailingOnce(int failAt) : IBookingEvents
    {
        private int _calls;

        public List<BookingChange> Published { get; } = [];

        public Task PublishAsync(BookingChange change)
        {
            if (++_calls == failAt)
                throw new InvalidOperationException("broker down");
            Published.Add(change);
            return Task.CompletedTask;
        }

        public IDisposable Subscribe(Func<BookingChange, Task> handler) => throw new NotSupportedException();
    }
}

public sealed class OutboxOnSqliteTests : OutboxOnEveryDatabaseTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class OutboxOnPostgreSqlTests : OutboxOnEveryDatabaseTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync();
}
