using BarberPro.Domain.Bookings;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Series;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Notifications;

/// <summary>
/// The notifications core (issue 11) on every database: the planner tails the agenda outbox into keyed notification rows,
/// the sender claims due rows with a lease and sends them through channels. The clock is Monday 2026-12-07 09:00 in
/// Buenos Aires (a FakeClock, advanced by hand); Cliente Uno has a phone and an email and the default channels (WhatsApp
/// and email). What was planned and sent is counted in the database and in the channels, not taken from return values.
/// </summary>
public abstract class NotificationTests
{
    protected static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    protected static readonly Actor OtherCustomer = Actor.Customer(TestAgenda.OtherCustomerUserId);
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    protected static NotificationPlanner Planner(IServiceProvider services) => services.GetRequiredService<NotificationPlanner>();

    protected static NotificationSender Sender(IServiceProvider services, params INotificationChannel[] channels) =>
        new(services.GetRequiredService<IDbContextFactory<BarberPro.Domain.Data.BarberProDbContext>>(), channels,
            services.GetRequiredService<IClock>(), services.GetRequiredService<NotificationOptions>(),
            services.GetRequiredService<BarberPro.Domain.Common.BarberProMetrics>());

    protected static async Task<Booking> BookAsync(TestDatabase db, TestAgenda agenda, Instant start, Actor who) =>
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), who)).Booking;

    protected static async Task<List<Notification>> NotificationsAsync(TestDatabase db, Guid? bookingId = null)
    {
        await using var ctx = db.NewContext();
        return await ctx.Notifications.AsNoTracking().Where(n => bookingId == null || n.BookingId == bookingId)
            .OrderBy(n => n.Key).ToListAsync();
    }

    [Fact]
    public async Task ABooking_PlansItsConfirmationNow_AndTwoRemindersAt24And2HoursBefore_OnEachOfTheCustomersChannels()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);

        Assert.Equal(6, await Planner(db.Services).PlanAsync());

        var rows = await NotificationsAsync(db, booking.Id);
        var now = db.Clock.GetCurrentInstant();
        var confirmations = rows.Where(n => n.Kind == NotificationKind.BookingConfirmed).ToList();
        Assert.Equal([NotificationChannel.Email, NotificationChannel.WhatsApp], confirmations.Select(n => n.Channel).Order());
        Assert.All(confirmations, n => Assert.Equal((now, NotificationStatus.Due), (n.DueAt, n.Status)));
        Assert.Equal(["+5491123456789", "customer-1@test"], confirmations.Select(n => n.Recipient).Order());
        var reminders = rows.Where(n => n.Kind == NotificationKind.Reminder).ToList();
        Assert.Equal(4, reminders.Count);
        Assert.Equal([TestAgenda.TuesdayAt(10) - Duration.FromHours(24), TestAgenda.TuesdayAt(8)], reminders.Select(n => n.DueAt).Distinct().Order());
        Assert.All(reminders, n => Assert.Equal((TestAgenda.TuesdayAt(10), NotificationStatus.Due), (n.BookingStart!.Value, n.Status)));
        Assert.Contains("martes 8 de diciembre, 10:00", confirmations[0].Body);
    }

    [Fact]
    public async Task PlanningTwice_PlansNothingNew()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        Assert.Equal(6, await Planner(db.Services).PlanAsync());

        // The same outbox row planned again (as rows past a gap are, or by a second planner) adds nothing: its keys exist.
        Assert.Equal(0, await Planner(db.Services).PlanAsync());
        db.Clock.Advance(Duration.FromMinutes(5));
        Assert.Equal(0, await Planner(db.Services).PlanAsync());
        Assert.Equal(6, (await NotificationsAsync(db)).Count);
    }

    [Fact]
    public async Task ARescheduleByTheShop_CancelsTheOldReminders_PlansNewOnes_AndTellsTheCustomer()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(17, 30), Owner));
        await Planner(db.Services).PlanAsync();

        var reminders = (await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.Reminder).ToList();
        var old = reminders.Where(n => n.BookingStart == TestAgenda.TuesdayAt(10)).ToList();
        Assert.Equal(4, old.Count);
        Assert.All(old, n => Assert.Equal(NotificationStatus.Cancelled, n.Status));
        var moved = reminders.Where(n => n.BookingStart == TestAgenda.TuesdayAt(17, 30)).ToList();
        Assert.Equal(4, moved.Count);
        Assert.All(moved, n => Assert.Equal(NotificationStatus.Due, n.Status));
        Assert.Equal([TestAgenda.TuesdayAt(17, 30) - Duration.FromHours(24), TestAgenda.TuesdayAt(15, 30)], moved.Select(n => n.DueAt).Distinct().Order());

        var told = (await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.BookingMoved).ToList();
        Assert.Equal(2, told.Count);
        Assert.Contains("Ahora: martes 8 de diciembre, 17:30 (antes: martes 8 de diciembre, 10:00)", told[0].Body);
    }

    [Fact]
    public async Task ARescheduleByTheCustomer_MovesTheReminders_WithoutTellingTheCustomer()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(11), Customer));
        Assert.Equal(4, await Planner(db.Services).PlanAsync());

        var rows = await NotificationsAsync(db, booking.Id);
        Assert.DoesNotContain(rows, n => n.Kind == NotificationKind.BookingMoved);
        Assert.Equal(4, rows.Count(n => n.Kind == NotificationKind.Reminder && n.Status == NotificationStatus.Due && n.BookingStart == TestAgenda.TuesdayAt(11)));
        Assert.Equal(4, rows.Count(n => n.Kind == NotificationKind.Reminder && n.Status == NotificationStatus.Cancelled));
    }

    [Fact]
    public async Task ACancelByTheShop_RemovesTheReminders_AndTellsTheCustomerWhy()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Owner, "Se cortó la luz en el local"));
        Assert.Equal(2, await Planner(db.Services).PlanAsync());

        var rows = await NotificationsAsync(db, booking.Id);
        Assert.All(rows.Where(n => n.Kind == NotificationKind.Reminder), n => Assert.Equal(NotificationStatus.Cancelled, n.Status));
        var told = rows.Where(n => n.Kind == NotificationKind.BookingCancelled).ToList();
        Assert.Equal(2, told.Count);
        Assert.All(told, n => Assert.Contains("Motivo: Se cortó la luz en el local", n.Body));
    }

    [Fact]
    public async Task ACancelByTheCustomer_RemovesTheReminders_AndTellsTheBarberWhoOptedIn_AfterTheirQuietHours()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await using (var ctx = db.NewContext())
        {
            var barber = await ctx.Providers.SingleAsync(p => p.Id == agenda.Barber.Id);
            // Quiet from 08:00 to 10:00: the clock says 09:00, so the message waits until 10:00.
            barber.ChangeStaffNotifications(true, new LocalTime(8, 0), new LocalTime(10, 0));
            await ctx.SaveChangesAsync();
        }
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Customer, "No llego"));

        await Planner(db.Services).PlanAsync();

        var rows = await NotificationsAsync(db, booking.Id);
        Assert.DoesNotContain(rows, n => n.Kind == NotificationKind.BookingCancelled);
        Assert.DoesNotContain(rows, n => n.Kind == NotificationKind.Reminder && n.Status == NotificationStatus.Due);
        var staff = rows.Where(n => n.Kind == NotificationKind.StaffAgendaChanged).ToList();
        Assert.Equal(2, staff.Count); // the booking and the cancellation
        Assert.All(staff, n => Assert.Equal(("barber-1@test", TestAgenda.Local(new LocalDateTime(2026, 12, 7, 10, 0))), (n.Recipient, n.DueAt)));
        Assert.Contains(staff, n => n.Subject!.StartsWith("Cliente Uno canceló un turno", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASeries_MakesOneSeriesMessageListingEveryDate_AndRemindersPerOccurrence()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var starts = Enumerable.Range(0, 3).Select(w => TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(w).At(new LocalTime(10, 0)))).ToList();
        var series = Assert.IsType<SeriesOutcome.Succeeded>(await db.Services.GetRequiredService<SeriesService>()
            .BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly, starts), Customer));

        await Planner(db.Services).PlanAsync();

        var rows = await NotificationsAsync(db);
        Assert.DoesNotContain(rows, n => n.Kind == NotificationKind.BookingConfirmed);
        var message = rows.Where(n => n.Kind == NotificationKind.SeriesCreated).ToList();
        Assert.Equal(2, message.Count);
        Assert.Equal($"series:{series.Series.Id}:email", message.Single(n => n.Channel == NotificationChannel.Email).Key);
        Assert.Contains("• martes 8 de diciembre, 10:00\n• martes 15 de diciembre, 10:00\n• martes 22 de diciembre, 10:00", message[0].Body);
        Assert.Equal(3 * 2 * 2, rows.Count(n => n.Kind == NotificationKind.Reminder));
    }

    [Fact]
    public async Task AWalkInWithoutContact_GetsNothing_AndACustomerWithRemindersOff_GetsOnlyTheConfirmation()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await using (var ctx = db.NewContext())
        {
            var customer = await ctx.Customers.SingleAsync(c => c.Id == agenda.OtherCustomer.Id);
            customer.ChangeNotificationPreferences(ContactChannels.Sms, remindersOff: true);
            await ctx.SaveChangesAsync();
        }
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), OtherCustomer);

        await Planner(db.Services).PlanAsync();

        var only = Assert.Single(await NotificationsAsync(db, booking.Id));
        Assert.Equal((NotificationKind.BookingConfirmed, NotificationChannel.Sms, "+5491134567890"), (only.Kind, only.Channel, only.Recipient));
    }

    [Fact]
    public async Task AFailingSend_IsRetriedWithBackoff_AndSentOnceOnTheThirdTry()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp, failFirst: 2);
        var email = new RecordingChannel(NotificationChannel.Email);
        var sender = Sender(db.Services, whatsApp, email);

        Assert.Equal(1, await sender.SendDueAsync()); // the email; WhatsApp fails
        var confirmation = (await NotificationsAsync(db, booking.Id)).Single(n => n.Kind == NotificationKind.BookingConfirmed && n.Channel == NotificationChannel.WhatsApp);
        Assert.Equal((NotificationStatus.Due, 1, db.Clock.GetCurrentInstant() + Duration.FromMinutes(1)), (confirmation.Status, confirmation.Attempts, confirmation.DueAt));
        Assert.Equal(0, await sender.SendDueAsync()); // not due yet

        db.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(0, await sender.SendDueAsync()); // fails again: due in 2 minutes
        db.Clock.Advance(Duration.FromMinutes(2));
        Assert.Equal(1, await sender.SendDueAsync());

        confirmation = (await NotificationsAsync(db, booking.Id)).Single(n => n.Id == confirmation.Id);
        Assert.Equal((NotificationStatus.Sent, 3), (confirmation.Status, confirmation.Attempts));
        Assert.Equal($"WhatsApp-{confirmation.Id:N}", confirmation.ProviderMessageId);
        Assert.Equal(3, whatsApp.Tries.Count(m => m.NotificationId == confirmation.Id));
        Assert.Single(whatsApp.Delivered, m => m.NotificationId == confirmation.Id);
        Assert.Equal(0, await sender.SendDueAsync());
    }

    [Fact]
    public async Task ASendThatAlwaysFails_IsFailedAfterTheLastTry_AndAMissingChannelFails()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        var sender = Sender(db.Services, new RecordingChannel(NotificationChannel.WhatsApp, failFirst: int.MaxValue)); // no email channel

        for (var i = 0; i < 5; i++)
        {
            await sender.SendDueAsync();
            db.Clock.Advance(Duration.FromMinutes(16));
        }

        var confirmations = (await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.BookingConfirmed).ToList();
        Assert.All(confirmations, n => Assert.Equal((NotificationStatus.Failed, 5), (n.Status, n.Attempts)));
        Assert.Contains("Email", confirmations.Single(n => n.Channel == NotificationChannel.Email).LastError);
    }

    [Fact]
    public async Task AReminderWhoseBookingMovedAfterItWasQueued_IsNotSent()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        // Moved, and the planner has not run since: the old reminders are still due.
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(12), Customer));
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email);

        db.Clock.Advance(Duration.FromHours(1)); // Monday 10:00: the old 24-hour reminders are due
        Assert.Equal(2, await Sender(db.Services, whatsApp, email).SendDueAsync()); // the confirmations only

        Assert.DoesNotContain(whatsApp.Tries.Concat(email.Tries), m => m.Kind == NotificationKind.Reminder);
        var reminders = (await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.Reminder).ToList();
        Assert.Equal(2, reminders.Count(n => n.Status == NotificationStatus.Cancelled && n.DueAt == TestAgenda.Local(new LocalDateTime(2026, 12, 7, 10, 0))));
        Assert.DoesNotContain(reminders, n => n.Status == NotificationStatus.Sent);
    }

    [Fact]
    public async Task RemindersAndConfirmationsLateForABookingThatAlreadyStarted_AreNotSent()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email);

        db.Clock.Advance(Duration.FromHours(25) + Duration.FromMinutes(30)); // Tuesday 10:30: the sender was down since Monday

        Assert.Equal(0, await Sender(db.Services, whatsApp, email).SendDueAsync());
        var rows = await NotificationsAsync(db, booking.Id);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, n => Assert.Equal(NotificationStatus.Cancelled, n.Status));
        Assert.Empty(whatsApp.Tries.Concat(email.Tries));
    }

    [Fact]
    public async Task ARowLeasedByARunThatDied_IsSentByTheNextRunOnlyAfterTheLeaseRanOut()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        var now = db.Clock.GetCurrentInstant();
        await using (var ctx = db.NewContext())
            Assert.Equal(2, await ctx.Notifications.Where(n => n.Kind == NotificationKind.BookingConfirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseOwner, "died").SetProperty(n => n.LeaseUntil, now + Duration.FromMinutes(2))));
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email);

        Assert.Equal(0, await Sender(db.Services, whatsApp, email).SendDueAsync());
        db.Clock.Advance(Duration.FromMinutes(2) + Duration.FromSeconds(1));
        Assert.Equal(2, await Sender(db.Services, whatsApp, email).SendDueAsync());

        Assert.All((await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.BookingConfirmed),
            n => Assert.Equal((NotificationStatus.Sent, 1, (string?)null), (n.Status, n.Attempts, n.LeaseOwner)));
    }

    [Fact]
    public async Task ASlowChannel_EndsTheRunBeforeItsLeaseRunsLow_AndALaterRunSendsTheRest_EachOnce()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        // Each send takes 70 seconds of the 120-second lease: after the first, less than half the lease is left.
        var whatsApp = new StallingChannel(NotificationChannel.WhatsApp, () => db.Clock.Advance(Duration.FromSeconds(70)), delivers: true);
        var email = new StallingChannel(NotificationChannel.Email, () => db.Clock.Advance(Duration.FromSeconds(70)), delivers: true);

        Assert.Equal(1, await Sender(db.Services, whatsApp, email).SendDueAsync());
        Assert.Equal(0, await Sender(db.Services, whatsApp, email).SendDueAsync()); // the other is still leased to the first run
        db.Clock.Advance(Duration.FromSeconds(51)); // its lease ran out
        Assert.Equal(1, await Sender(db.Services, whatsApp, email).SendDueAsync());

        Assert.Equal((1, 1), (whatsApp.Tries, email.Tries));
        Assert.All((await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.BookingConfirmed),
            n => Assert.Equal((NotificationStatus.Sent, 1, (string?)null), (n.Status, n.Attempts, n.LeaseOwner)));
    }

    [Fact]
    public async Task ARunWhoseLeaseRanOutDuringASend_DoesNotOverwriteWhatTheNextRunRecorded()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        var email = new RecordingChannel(NotificationChannel.Email);
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        // The first run's WhatsApp send hangs past its lease; meanwhile a second run claims what is due (the WhatsApp
        // confirmation at least) and sends it; then the hung send times out.
        var hung = new StallingChannel(NotificationChannel.WhatsApp, async () =>
        {
            db.Clock.Advance(Duration.FromMinutes(3));
            await Sender(db.Services, whatsApp, email).SendDueAsync();
        }, delivers: false);

        await Sender(db.Services, hung, email).SendDueAsync();

        var confirmations = (await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.BookingConfirmed).ToList();
        Assert.All(confirmations, n => Assert.Equal((NotificationStatus.Sent, 1, (string?)null), (n.Status, n.Attempts, n.LastError)));
        Assert.Equal($"WhatsApp-{confirmations.Single(n => n.Channel == NotificationChannel.WhatsApp).Id:N}",
            confirmations.Single(n => n.Channel == NotificationChannel.WhatsApp).ProviderMessageId);
        // Nothing is left to send again.
        db.Clock.Advance(Duration.FromMinutes(10));
        Assert.Equal(0, await Sender(db.Services, whatsApp, email).SendDueAsync());
        Assert.Single(whatsApp.Delivered, m => m.Kind == NotificationKind.BookingConfirmed);
    }

    [Fact]
    public async Task ABookingMovedAwayAndBack_HasItsRemindersAgain_AndTheCustomerIsToldOfEachMoveByTheShop()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();

        foreach (var start in new[] { TestAgenda.TuesdayAt(12), TestAgenda.TuesdayAt(10), TestAgenda.TuesdayAt(12) })
        {
            Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booking.Id, start, Owner));
            await Planner(db.Services).PlanAsync();
        }
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(10), Customer));
        await Planner(db.Services).PlanAsync();

        var rows = await NotificationsAsync(db, booking.Id);
        var due = rows.Where(n => n.Kind == NotificationKind.Reminder && n.Status == NotificationStatus.Due).ToList();
        Assert.Equal(4, due.Count);
        Assert.All(due, n => Assert.Equal(TestAgenda.TuesdayAt(10), n.BookingStart));
        Assert.Equal([TestAgenda.TuesdayAt(10) - Duration.FromHours(24), TestAgenda.TuesdayAt(8)], due.Select(n => n.DueAt).Distinct().Order());
        // Three moves by the shop, each told on both channels; the customer's own move is not.
        Assert.Equal(6, rows.Count(n => n.Kind == NotificationKind.BookingMoved));
    }

    [Fact]
    public async Task QueuedMessages_FollowTheCustomersPreferencesAtSendTime()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        // After the messages were queued the customer keeps only email, and turns reminders off.
        await using (var ctx = db.NewContext())
        {
            var customer = await ctx.Customers.SingleAsync(c => c.Id == agenda.Customer.Id);
            customer.ChangeNotificationPreferences(ContactChannels.Email, remindersOff: true);
            await ctx.SaveChangesAsync();
        }
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email);

        AdvanceToTuesdayMorning(db); // Tuesday 09:00: the confirmations and the 24-hour reminders are due
        Assert.Equal(1, await Sender(db.Services, whatsApp, email).SendDueAsync());

        Assert.Equal([NotificationKind.BookingConfirmed], email.Delivered.Select(m => m.Kind));
        Assert.Empty(whatsApp.Tries);
        var rows = await NotificationsAsync(db, booking.Id);
        Assert.All(rows.Where(n => n.Kind == NotificationKind.Reminder || n.Channel == NotificationChannel.WhatsApp),
            n => Assert.Equal(NotificationStatus.Cancelled, n.Status));
    }

    [Fact]
    public async Task AConfirmationOfABookingCancelledBeforeItWasSent_IsNotSent()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Customer, "Me equivoqué"));
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email);

        Assert.Equal(0, await Sender(db.Services, whatsApp, email).SendDueAsync());

        Assert.Empty(whatsApp.Tries.Concat(email.Tries));
        Assert.All((await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.BookingConfirmed),
            n => Assert.Equal(NotificationStatus.Cancelled, n.Status));
    }

    [Fact]
    public void ALeaseOwner_FitsItsColumn_WhateverTheHostIsCalled()
    {
        var host = new string('h', 253); // the longest host name DNS allows

        var owner = NotificationSender.LeaseOwner(host, int.MaxValue);

        Assert.InRange(owner.Length, 32, Notification.MaxLeaseOwnerLength);
        Assert.NotEqual(owner, NotificationSender.LeaseOwner(host, int.MaxValue));
    }

    [Fact]
    public async Task AProviderIdLongerThanItsColumn_IsKeptClipped_AndTheMessageIsSentOnce()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        var whatsApp = new AnsweringChannel(NotificationChannel.WhatsApp, _ => SendResult.Ok(new string('w', 500)));
        var email = new AnsweringChannel(NotificationChannel.Email, _ => SendResult.Ok(new string('e', 500)));

        Assert.Equal(2, await Sender(db.Services, whatsApp, email).SendDueAsync());
        db.Clock.Advance(Duration.FromMinutes(10));
        Assert.Equal(0, await Sender(db.Services, whatsApp, email).SendDueAsync());

        Assert.Equal((1, 1), (whatsApp.Tries, email.Tries));
        Assert.All((await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.BookingConfirmed),
            n => Assert.Equal((NotificationStatus.Sent, Notification.MaxProviderMessageIdLength), (n.Status, n.ProviderMessageId!.Length)));
    }

    [Fact]
    public async Task AReminderTheSenderDeliveredWhileThePlannerCancelledIt_IsNotSentAgainWhenTheBookingMovesBack()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await Planner(db.Services).PlanAsync();
        // What a race between the two leaves behind: the sender recorded a reminder as sent, the planner (which had read
        // it as due) then saved it as cancelled.
        await using (var ctx = db.NewContext())
        {
            var reminder = await ctx.Notifications.FirstAsync(n => n.BookingId == booking.Id && n.Kind == NotificationKind.Reminder);
            reminder.MarkSent("wamid.1", db.Clock.GetCurrentInstant());
            reminder.Cancel();
            await ctx.SaveChangesAsync();
        }
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(12), Customer));
        await Planner(db.Services).PlanAsync();
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(10), Customer));
        await Planner(db.Services).PlanAsync();

        var atTen = (await NotificationsAsync(db, booking.Id)).Where(n => n.Kind == NotificationKind.Reminder && n.BookingStart == TestAgenda.TuesdayAt(10)).ToList();
        Assert.Equal(3, atTen.Count(n => n.Status == NotificationStatus.Due));
        Assert.Single(atTen, n => n.SentAt is not null && n.Status != NotificationStatus.Due);
    }

    [Fact]
    public async Task AWaitlistOffer_TellsTheEntrysCustomerUntilWhenItIsHeld()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var taken = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), OtherCustomer);
        var joined = await db.Services.GetRequiredService<BarberPro.Domain.Waitlist.WaitlistService>()
            .JoinAsync(new BarberPro.Domain.Waitlist.JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday, new LocalTime(10, 0), new LocalTime(11, 0)), Customer);
        Assert.True(joined.Succeeded, joined.Error?.Message);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(taken.Id, BookingAction.Cancel, OtherCustomer, "No puedo"));

        await Planner(db.Services).PlanAsync();

        var offers = (await NotificationsAsync(db)).Where(n => n.Kind == NotificationKind.WaitlistOffered).ToList();
        Assert.Equal([NotificationChannel.Email, NotificationChannel.WhatsApp], offers.Select(n => n.Channel).Order());
        Assert.All(offers, n => Assert.Equal(agenda.Customer.Id, n.CustomerId));
        // Offered at 09:00 and held 15 minutes.
        Assert.Contains("martes 8 de diciembre, 10:00.\nTe lo guardamos hasta las 09:15 del lunes 7 de diciembre.", offers[0].Body);
    }

    [Fact]
    public async Task ACancelledSession_TellsEachSeatedCustomer_WithTheReason()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var @class = await Sessions.SessionTestSupport.AddClassAsync(db, agenda, capacity: 3);
        var session = await Sessions.SessionTestSupport.OpenAsync(db, agenda, @class, TestAgenda.TuesdayAt(15));
        var sessions = Sessions.SessionTestSupport.Sessions(db);
        var seat = Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Customer)).Booking;
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, OtherCustomer));

        Assert.True((await sessions.CancelSessionAsync(session.Id, Owner, "Se suspende la clase")).Succeeded);
        await Planner(db.Services).PlanAsync();

        var rows = await NotificationsAsync(db);
        var told = rows.Where(n => n.Kind == NotificationKind.SessionCancelled).ToList();
        Assert.Equal(4, told.Count); // two customers, WhatsApp and email each
        Assert.DoesNotContain(rows, n => n.Kind == NotificationKind.BookingCancelled);
        Assert.All(told.Where(n => n.BookingId == seat.Id), n => Assert.Contains("Motivo: Se suspende la clase", n.Body));
        Assert.DoesNotContain(rows, n => n.Kind == NotificationKind.Reminder && n.Status == NotificationStatus.Due);
    }

    [Fact]
    public async Task TwoSenderRunsAtOnce_SendEachMessageOnce()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 2);
        await BookManyAsync(db, agenda);
        var planned = await Planner(db.Services).PlanAsync();
        AdvanceToTuesdayMorning(db);
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var sender = Sender(db.Services, whatsApp, email);
            await gate.Task;
            return await sender.SendDueAsync();
        })).ToArray();
        gate.SetResult();
        var sent = await Task.WhenAll(runs);

        await AssertEachSentOnceAsync(db, planned, sent.Sum(), whatsApp, email);
    }

    /// <summary>
    /// Five bookings of four customers on Tuesday, with one reminder (24 hours before; the second is turned off, 0): 20
    /// messages, every one due by Tuesday 09:00, before any of the bookings starts.
    /// </summary>
    protected static async Task BookManyAsync(TestDatabase db, TestAgenda agenda)
    {
        await using (var ctx = db.NewContext())
        {
            var shop = await ctx.Shops.SingleAsync(s => s.Id == agenda.Shop.Id);
            shop.ChangePolicy(shop.Policy with { SecondReminderHours = 0 });
            await ctx.SaveChangesAsync();
        }
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(11), OtherCustomer);
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(12), Actor.Customer(TestAgenda.ExtraCustomerUserId(0)));
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(15), Actor.Customer(TestAgenda.ExtraCustomerUserId(1)));
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(16), Customer);
    }

    /// <summary>Monday 09:00 plus a day: every message of <see cref="BookManyAsync"/> is due, no booking has started.</summary>
    protected static void AdvanceToTuesdayMorning(TestDatabase db) => db.Clock.Advance(Duration.FromDays(1));

    protected static async Task AssertEachSentOnceAsync(TestDatabase db, int planned, int sentByRuns, params RecordingChannel[] channels)
    {
        Assert.Equal(20, planned);
        var rows = await NotificationsAsync(db);
        Assert.Equal(planned, rows.Count);
        Assert.All(rows, n => Assert.Equal((NotificationStatus.Sent, 1), (n.Status, n.Attempts)));
        var delivered = channels.SelectMany(c => c.Delivered).Select(m => m.NotificationId).ToList();
        Assert.Equal(planned, delivered.Count);
        Assert.Equal(planned, delivered.Distinct().Count());
        Assert.Equal(planned, sentByRuns);
    }

    [Theory]
    [InlineData(23, 0, 7, 0, "2026-12-07T23:30", "2026-12-08T07:00")] // quiet overnight, inside before midnight: next morning
    [InlineData(23, 0, 7, 0, "2026-12-08T03:00", "2026-12-08T07:00")] // inside, after midnight: this morning
    [InlineData(23, 0, 7, 0, "2026-12-08T12:00", "2026-12-08T12:00")] // outside: now
    [InlineData(13, 0, 15, 0, "2026-12-08T14:10", "2026-12-08T15:00")] // a siesta
    public void StaffMessages_WaitForTheEndOfTheBarbersQuietHours(int fromH, int fromM, int toH, int toM, string nowLocal, string expectedLocal)
    {
        var shop = new Shop("Test Barber", "test-barber");
        var provider = new BarberPro.Domain.Scheduling.Provider(shop.Id, "Barbero Uno", "barber-1");
        provider.ChangeStaffNotifications(true, new LocalTime(fromH, fromM), new LocalTime(toH, toM));
        var parse = NodaTime.Text.LocalDateTimePattern.GeneralIso;
        var now = TestAgenda.Local(parse.Parse(nowLocal + ":00").Value);

        Assert.Equal(TestAgenda.Local(parse.Parse(expectedLocal + ":00").Value), NotificationPlanner.AfterQuietHours(provider, shop, now));
    }

    [Fact]
    public void EachWhatsAppTemplate_CarriesWhatItsMessageSays_OnOneLineEach()
    {
        var templates = new NotificationTemplates(new NotificationOptions { PublicBaseUrl = "https://turnos.barberpro.com.ar" });
        var facts = new MessageFacts
        {
            Vertical = Vertical.Barber, ShopName = "Barbería Don Julio", ShopPhone = "11 4321-0000", CustomerName = "Martín",
            ProviderName = "Lucas", ServiceName = "Corte", When = new LocalDateTime(2026, 12, 9, 17, 30),
            BookingId = Guid.Parse("0193a4b2-7c1d-7e3f-9a8b-1c2d3e4f5a6b"),
        };
        string[] Parameters(NotificationKind kind, MessageFacts f) =>
            System.Text.Json.JsonSerializer.Deserialize<string[]>(templates.Render(kind, f).Parameters!)!;

        Assert.Equal(["Martín", "Barbería Don Julio", "miércoles 9 de diciembre, 17:30", "Me enfermé", "https://turnos.barberpro.com.ar/mis-turnos"],
            Parameters(NotificationKind.BookingCancelled, facts with { Reason = "Me enfermé" }));
        Assert.Equal("—", Parameters(NotificationKind.BookingCancelled, facts)[3]);
        Assert.Equal(["Martín", "Barbería Don Julio", "miércoles 9 de diciembre, 17:30", "martes 8 de diciembre, 10:00", "Lucas",
                "https://turnos.barberpro.com.ar/mis-turnos/0193a4b2-7c1d-7e3f-9a8b-1c2d3e4f5a6b"],
            Parameters(NotificationKind.BookingMoved, facts with { PreviousWhen = new LocalDateTime(2026, 12, 8, 10, 0) }));
        Assert.Equal("17:15", Parameters(NotificationKind.WaitlistOffered, facts with { Deadline = new LocalDateTime(2026, 12, 9, 17, 15) })[3]);
        Assert.Equal(["Martín", "Barbería Don Julio", "2", "miércoles 9 de diciembre, 17:30; miércoles 16 de diciembre, 17:30", "Lucas",
                "https://turnos.barberpro.com.ar/mis-turnos"],
            Parameters(NotificationKind.SeriesCreated, facts with { Dates = [new LocalDateTime(2026, 12, 9, 17, 30), new LocalDateTime(2026, 12, 16, 17, 30)] }));
        foreach (var kind in new[] { NotificationKind.BookingConfirmed, NotificationKind.BookingMoved, NotificationKind.BookingCancelled, NotificationKind.Reminder,
                     NotificationKind.WaitlistOffered, NotificationKind.SessionCancelled, NotificationKind.SeriesCreated })
            Assert.All(Parameters(kind, facts), p => Assert.False(string.IsNullOrEmpty(p) || p.Contains('\n'), $"{kind}: '{p}'"));
    }

    [Fact]
    public void AReminder_ReadsAsTheCustomerSeesIt()
    {
        var templates = new NotificationTemplates(new NotificationOptions { PublicBaseUrl = "https://turnos.barberpro.com.ar" });
        var facts = new MessageFacts
        {
            Vertical = Vertical.Barber,
            ShopName = "Barbería Don Julio",
            ShopAddress = "Av. Corrientes 1234, CABA",
            CustomerName = "Martín",
            ProviderName = "Lucas",
            ServiceName = "Corte y barba",
            When = new LocalDateTime(2026, 12, 9, 17, 30),
            Price = 12500m,
            BookingId = Guid.Parse("0193a4b2-7c1d-7e3f-9a8b-1c2d3e4f5a6b"),
        };

        var reminder = templates.Render(NotificationKind.Reminder, facts);

        Assert.Equal("Recordatorio: tu turno en Barbería Don Julio, miércoles 9 de diciembre, 17:30", reminder.Subject);
        Assert.Equal(
            """
            ¡Hola Martín! Te recordamos tu turno en Barbería Don Julio.
            📅 miércoles 9 de diciembre, 17:30
            💈 Corte y barba con Lucas
            📍 Barbería Don Julio, Av. Corrientes 1234, CABA
            💲 $ 12.500
            Respondé CONFIRMO o CANCELAR.
            Gestioná tu turno: https://turnos.barberpro.com.ar/mis-turnos/0193a4b2-7c1d-7e3f-9a8b-1c2d3e4f5a6b

            Para dejar de recibir estos mensajes, cambiá tus avisos en https://turnos.barberpro.com.ar/cuenta/avisos.
            """.ReplaceLineEndings("\n"), reminder.Text);
        Assert.Equal("barberpro_reminder", reminder.Template);

        var psychology = templates.Render(NotificationKind.Reminder, facts with { Vertical = Vertical.Psychologist });
        Assert.StartsWith("Hola Martín. Te recordamos tu turno", psychology.Text, StringComparison.Ordinal);
    }
}

public sealed class NotificationOnSqliteTests : NotificationTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

/// <summary>On PostgreSQL with the app's retrying execution strategy, as in production; also two app instances ("processes") on one database.</summary>
public sealed class NotificationOnPostgreSqlTests : NotificationTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync(maxRetryCount: 5);

    [Fact]
    public async Task AnAgendaChangeCommittedLateBehindALaterOne_IsPlanned_EvenWhenThePlannerWasDownMeanwhile()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        // Booking B exists, but its outbox row is in a transaction still open (a slow writer), so its sequence is taken
        // and not yet visible; booking C commits after it with a larger sequence.
        var b = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10), Customer);
        await using (var ctx = db.NewContext())
            await ctx.Outbox.Where(m => m.BookingId == b.Id).ExecuteDeleteAsync();
        await using var slow = db.NewContext();
        // (Inside the execution strategy, which owns transactions under the app's retrying settings; nothing is retried here.)
        await slow.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await slow.Database.BeginTransactionAsync();
            slow.Outbox.Add(BarberPro.Domain.Outbox.OutboxMessage.For(new BookingChange(BookingChangeKind.Created, b.Id, agenda.Shop.Id, agenda.Barber.Id,
                b.Status, b.Start, b.End, null, [TestAgenda.Tuesday], db.Clock.GetCurrentInstant()), db.Clock.GetCurrentInstant()));
            await slow.SaveChangesAsync();
            var c = await BookAsync(db, agenda, TestAgenda.TuesdayAt(11), OtherCustomer);

            await Planner(db.Services).PlanAsync();
            Assert.NotEmpty(await NotificationsAsync(db, c.Id));
            Assert.Empty(await NotificationsAsync(db, b.Id));
            // The planner is down for five minutes; meanwhile the slow writer commits.
            db.Clock.Advance(Duration.FromMinutes(5));
            await transaction.CommitAsync();
        });
        await Planner(db.Services).PlanAsync();

        var planned = await NotificationsAsync(db, b.Id);
        Assert.Equal(2, planned.Count(n => n.Kind == NotificationKind.BookingConfirmed));
        Assert.Equal(4, planned.Count(n => n.Kind == NotificationKind.Reminder));
    }

    [Fact]
    public async Task TwoProcessesSendingAtOnce_SendEachMessageOnce()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 2);
        await BookManyAsync(db, agenda);
        await using var first = db.NewAppInstance();
        await using var second = db.NewAppInstance();
        // Both "processes" plan at once too: the keys keep the messages single.
        var planning = await Task.WhenAll(Planner(first).PlanAsync(), Planner(second).PlanAsync());
        var planned = (await NotificationsAsync(db)).Count;
        Assert.Equal(planned, planning.Sum());
        AdvanceToTuesdayMorning(db);
        var whatsApp = new RecordingChannel(NotificationChannel.WhatsApp);
        var email = new RecordingChannel(NotificationChannel.Email);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new[] { first, second }.Select(process => Task.Run(async () =>
        {
            var sender = Sender(process, whatsApp, email);
            await gate.Task;
            return await sender.SendDueAsync();
        })).ToArray();
        gate.SetResult();
        var sent = await Task.WhenAll(runs);

        await AssertEachSentOnceAsync(db, planned, sent.Sum(), whatsApp, email);
    }
}

/// <summary>A channel whose send takes time (it runs <c>whileSending</c>, e.g. advancing the clock), then delivers or fails.</summary>
internal sealed class StallingChannel(NotificationChannel channel, Func<Task> whileSending, bool delivers) : INotificationChannel
{
    public StallingChannel(NotificationChannel channel, Action whileSending, bool delivers)
        : this(channel, () => { whileSending(); return Task.CompletedTask; }, delivers) { }

    public int Tries;

    public NotificationChannel Channel => channel;
    public bool SendsForReal => false;

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        Interlocked.Increment(ref Tries);
        await whileSending();
        return delivers ? SendResult.Ok($"stalled-{message.NotificationId:N}") : SendResult.Failed("Se venció el tiempo de espera (prueba).");
    }
}

/// <summary>A channel that answers what <c>answer</c> says, counting tries.</summary>
internal sealed class AnsweringChannel(NotificationChannel channel, Func<OutgoingMessage, SendResult> answer) : INotificationChannel
{
    public int Tries;

    public NotificationChannel Channel => channel;
    public bool SendsForReal => false;

    public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        Interlocked.Increment(ref Tries);
        return Task.FromResult(answer(message));
    }
}
