using BarberPro.Domain.Bookings;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Outbox;
using BarberPro.Tests.Domain.Notifications;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BarberPro.Tests.Domain.Common;

/// <summary>
/// The app's own instruments (<see cref="BarberPro.Domain.Common.BarberProMetrics"/>), counted by a
/// <see cref="System.Diagnostics.Metrics.MeterListener"/> on this test's meter while the real services book, lose a race,
/// retry, answer busy, dispatch the outbox and send messages on a real SQLite file.
/// </summary>
public sealed class BarberProMetricsTests
{
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor OtherCustomer = Actor.Customer(TestAgenda.OtherCustomerUserId);
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);

    [Fact]
    public async Task Bookings_Conflicts_Dispatches_AndSends_AreCountedWhereTheyHappen()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        using var metrics = new MetricsRecorder(db.Metrics.Meter);

        var booked = Assert.IsType<BookingOutcome.Succeeded>(
            await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Customer)).Booking;
        Assert.IsType<BookingOutcome.Conflict>(
            await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), OtherCustomer));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(booked.Id, BookingAction.Confirm, Owner));
        var other = Assert.IsType<BookingOutcome.Succeeded>(
            await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), OtherCustomer)).Booking;
        Assert.IsType<BookingOutcome.Conflict>(await db.Bookings.RescheduleAsync(other.Id, TestAgenda.TuesdayAt(10), OtherCustomer));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(other.Id, TestAgenda.TuesdayAt(12), OtherCustomer));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(other.Id, BookingAction.Cancel, OtherCustomer, "No puedo"));

        Assert.Equal(2, metrics.Sum("barberpro.bookings.committed", ("change", "booked")));
        Assert.Equal(1, metrics.Sum("barberpro.bookings.committed", ("change", "confirmed")));
        Assert.Equal(1, metrics.Sum("barberpro.bookings.committed", ("change", "moved")));
        Assert.Equal(1, metrics.Sum("barberpro.bookings.committed", ("change", "cancelled")));
        Assert.Equal(5, metrics.Sum("barberpro.bookings.committed"));
        Assert.Equal(1, metrics.Sum("barberpro.bookings.conflicts", ("operation", "book")));
        Assert.Equal(1, metrics.Sum("barberpro.bookings.conflicts", ("operation", "reschedule")));
        Assert.Equal(0, metrics.Sum("barberpro.agenda.retries") + metrics.Sum("barberpro.agenda.busy"));

        // Every committed change is one outbox row; each is published once (the woken passes and this one together).
        await db.Outbox.DispatchPendingAsync();
        await using (var ctx = db.NewContext())
            Assert.Equal(await ctx.Outbox.CountAsync(m => m.DispatchedAt != null), (int)metrics.Sum("barberpro.outbox.dispatched"));
        Assert.True(metrics.Sum("barberpro.outbox.dispatched") >= 5);
        Assert.Equal(0, metrics.Read("barberpro.outbox.lag"));

        // The confirmation of the first booking goes out on WhatsApp and email; email fails its first try.
        await db.Services.GetRequiredService<NotificationPlanner>().PlanAsync();
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email, failFirst: 1);
        var sender = new NotificationSender(db.DbFactory, [whatsApp, email], db.Clock, db.Services.GetRequiredService<NotificationOptions>(), db.Metrics);
        await sender.SendDueAsync();

        var sentWhatsApp = metrics.Sum("barberpro.notifications.sent", ("channel", "whatsapp"));
        Assert.True(sentWhatsApp >= 1);
        Assert.Equal(whatsApp.Delivered.Count, sentWhatsApp);
        Assert.Equal(email.Delivered.Count, metrics.Sum("barberpro.notifications.sent", ("channel", "email")));
        Assert.Equal(1, metrics.Sum("barberpro.notifications.failed", ("channel", "email"), ("final", false)));
        Assert.Equal(0, metrics.Sum("barberpro.notifications.failed", ("channel", "whatsapp")));
        Assert.Contains(metrics.Of("barberpro.notifications.sent"), m => Equals(m.Tags["kind"], nameof(NotificationKind.BookingConfirmed)));
    }

    [Fact]
    public async Task ContendedWrites_CountTheirRetries_AndABusyAnswer()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        using var metrics = new MetricsRecorder(db.Metrics.Meter);

        // Two lost races, then the write goes through.
        var twice = new ContendedSaves(2);
        Assert.IsType<BookingOutcome.Succeeded>(await new InterceptedFactory(db, twice).Bookings()
            .BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Customer));
        Assert.Equal(2, metrics.Sum("barberpro.agenda.retries"));
        Assert.Equal(1, metrics.Sum("barberpro.bookings.committed", ("change", "booked")));

        // Contended on every attempt: retried up to the limit, then answered busy, and nothing committed.
        var always = new ContendedSaves(int.MaxValue);
        Assert.IsType<BookingOutcome.Busy>(await new InterceptedFactory(db, always).Bookings()
            .BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), Customer));
        Assert.Equal(2 + BarberPro.Domain.Data.AgendaWriter.MaxAttempts - 1, metrics.Sum("barberpro.agenda.retries"));
        Assert.Equal(1, metrics.Sum("barberpro.agenda.busy", ("fault", "busy")));
        Assert.Equal(1, metrics.Sum("barberpro.bookings.committed"));
    }

    [Fact]
    public async Task OutboxLag_IsTheAgeOfTheOldestRowLeftPending_AndZeroOnceDispatched()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        using var metrics = new MetricsRecorder(db.Metrics.Meter);
        var events = new SwitchableEvents();
        var dispatcher = new OutboxDispatcher(db.DbFactory, new LocalOutboxPublisher(events), db.Clock, new OutboxOptions(), NullLogger<OutboxDispatcher>.Instance, db.Metrics);
        Assert.Equal(0, metrics.Read("barberpro.outbox.lag"));

        await using (var ctx = db.NewContext())
        {
            ctx.Outbox.Add(OutboxMessage.AvailabilityChanged(agenda.Shop.Id, agenda.Barber.Id, [TestAgenda.Tuesday], db.Clock.GetCurrentInstant()));
            await ctx.SaveChangesAsync();
        }
        db.Clock.Advance(Duration.FromSeconds(90));
        events.Broken = true;
        Assert.Equal(0, await dispatcher.DispatchPendingAsync());
        Assert.Equal(90, metrics.Read("barberpro.outbox.lag"));

        // Still stuck: the row keeps ageing.
        db.Clock.Advance(Duration.FromSeconds(30));
        Assert.Equal(120, metrics.Read("barberpro.outbox.lag"));

        events.Broken = false;
        Assert.Equal(1, await dispatcher.DispatchPendingAsync());
        Assert.Equal(0, metrics.Read("barberpro.outbox.lag"));
        Assert.Equal(1, metrics.Sum("barberpro.outbox.dispatched"));
    }

    /// <summary>A bus that can be broken: while <see cref="Broken"/>, every publish throws.</summary>
    private sealed class SwitchableEvents : IBookingEvents
    {
        public volatile bool Broken;

        public Task PublishAsync(BookingChange change) =>
            Broken ? throw new InvalidOperationException("The bus is down (test).") : Task.CompletedTask;

        public IDisposable Subscribe(Func<BookingChange, Task> handler) => throw new NotSupportedException();
    }

    /// <summary>The first <c>times</c> saves fail as a lost race does (a stale row version); later ones go through.</summary>
    private sealed class ContendedSaves(int times) : SaveChangesInterceptor
    {
        private int _left = times;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            Interlocked.Decrement(ref _left) >= 0
                ? throw new DbUpdateConcurrencyException("Simulated: another writer changed the row.")
                : ValueTask.FromResult(result);
    }
}
