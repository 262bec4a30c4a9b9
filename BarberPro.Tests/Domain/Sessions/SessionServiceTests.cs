using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Sessions;
using BarberPro.Domain.Waitlist;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Sessions;

public sealed class SessionServiceTests
{
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private static readonly Actor OtherBarber = Actor.Provider(TestAgenda.OtherBarberUserId);
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor OtherCustomer = Actor.Customer(TestAgenda.OtherCustomerUserId);

    private static async Task<(SqliteTestDatabase Database, TestAgenda Agenda, Offering Class)> SetUpAsync(int capacity = 5, int extraCustomers = 0)
    {
        var database = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(database, extraCustomers);
        var offering = await SessionTestSupport.AddClassAsync(database, agenda, capacity);
        return (database, agenda, offering);
    }

    private static NewSession At(TestAgenda agenda, Offering c, Instant start, int? capacity = null) => new(agenda.Barber.Id, c.Id, start, capacity);

    [Fact]
    public async Task Open_ByTheBarber_IsListedWithItsPlacesLeft_AndWritesAnOutboxRow()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;

        var opened = await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15), 4), Barber);

        Assert.True(opened.Succeeded, opened.Error?.ToString());
        var list = await database.Sessions().ListAsync(agenda.Shop.Id, TestAgenda.Tuesday, TestAgenda.Tuesday);
        var view = Assert.Single(list.Value!);
        Assert.Equal((opened.Value!.Id, 4, 4, 0), (view.Id, view.Capacity, view.PlacesLeft, view.Participants));
        Assert.Equal(TestAgenda.TuesdayAt(17), view.End);
        await using var db = database.NewContext();
        Assert.Contains(await db.Outbox.ToListAsync(), m => m.Type == OutboxEventType.SessionChanged);
    }

    [Fact]
    public async Task Open_WithoutCapacity_TakesTheOfferings()
    {
        var (database, agenda, c) = await SetUpAsync(capacity: 8);
        await using var _ = database;
        var opened = await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner);
        Assert.Equal(8, opened.Value!.Capacity);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task Open_CapacityOutsideTwoToTheOfferings_IsRefused(int capacity)
    {
        var (database, agenda, c) = await SetUpAsync(capacity: 5);
        await using var _ = database;
        var opened = await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15), capacity), Owner);
        Assert.Equal("session.capacity", opened.Error?.Code);
        await using var db = database.NewContext();
        Assert.Empty(await db.GroupSessions.ToListAsync());
    }

    [Fact]
    public async Task Open_AnIndividualOffering_IsRefused()
    {
        var (database, agenda, _) = await SetUpAsync();
        await using var __ = database;
        var opened = await database.Sessions().OpenAsync(new NewSession(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(15)), Owner);
        Assert.Equal("session.not_group", opened.Error?.Code);
    }

    [Fact]
    public async Task Open_ByACustomerOrAnotherBarber_IsNotFound()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        Assert.True((await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Customer)).IsNotFound);
        Assert.True((await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), OtherBarber)).IsNotFound);
        await using var db = database.NewContext();
        Assert.Empty(await db.GroupSessions.ToListAsync());
    }

    [Fact]
    public async Task Open_OverABooking_OrOutsideHours_IsRefused()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(16)), Customer));

        Assert.Equal("session.time_taken", (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Error?.Code);
        Assert.Equal("slot.outside_hours", (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(19)), Owner)).Error?.Code);
    }

    [Fact]
    public async Task ASession_BlocksIndividualBookings_AnotherSession_AndTimeOff_ButNotTheOtherBarber()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        await SessionTestSupport.OpenAsync(database, agenda, c, TestAgenda.TuesdayAt(15));

        var booking = await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(16)), Customer);
        Assert.Equal("slot.taken", Assert.IsType<BookingOutcome.Conflict>(booking).Error.Code);
        Assert.DoesNotContain(TestAgenda.TuesdayAt(16), (await database.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday))!.Starts);
        Assert.Equal("session.time_taken", (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(16)), Owner)).Error?.Code);
        var timeOff = await database.Services.GetRequiredService<BarberPro.Domain.Scheduling.ScheduleService>().AddTimeOffAsync(agenda.Barber.Id,
            TestAgenda.Tuesday.At(new LocalTime(16, 30)), TestAgenda.Tuesday.At(new LocalTime(18, 0)), "Trámite", Barber);
        Assert.Equal("provider.time_off_has_bookings", timeOff.Error?.Code);

        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(new NewBooking(agenda.OtherBarber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(16)), Customer));
    }

    [Fact]
    public async Task OpenWeekly_FourFreeWeeks_OpensFourAtTheSameWallClockTime()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;

        var result = await database.Sessions().OpenWeeklyAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), 4, Owner);

        Assert.True(result.Value!.AllOpened);
        Assert.Equal(
            Enumerable.Range(0, 4).Select(w => TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(w).At(new LocalTime(15, 0)))),
            result.Value.Opened.Select(s => s.Start));
    }

    [Fact]
    public async Task OpenWeekly_WithAClashInTheThirdWeek_OpensNone_AndReportsIt()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var third = TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(2).At(new LocalTime(16, 0)));
        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, third), Customer));

        var result = await database.Sessions().OpenWeeklyAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), 4, Owner);

        var clash = Assert.Single(result.Value!.Clashes);
        Assert.Equal(TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(2).At(new LocalTime(15, 0))), clash.Start);
        Assert.Equal("session.time_taken", clash.Error.Code);
        Assert.Empty(result.Value.Opened);
        await using var db = database.NewContext();
        Assert.Empty(await db.GroupSessions.ToListAsync());
    }

    [Fact]
    public async Task Join_Full_AlreadyJoined_Leave_AndJoinAgain()
    {
        var (database, agenda, c) = await SetUpAsync(capacity: 2);
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        var sessions = database.Sessions();

        var seat = Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Customer)).Booking;
        Assert.Equal((session.Id, session.Start, (Instant?)null), (seat.SessionId!.Value, seat.Start, (Instant?)null));
        Assert.False(seat.BlocksTime);
        Assert.Equal("session.already_joined", Assert.IsType<BookingOutcome.Rejected>(await sessions.JoinAsync(session.Id, Customer)).Error.Code);
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, OtherCustomer));
        await TestAgendaExtra.AddCustomerAsync(database, "customer-3");
        Assert.Equal("session.full", Assert.IsType<BookingOutcome.Rejected>(await sessions.JoinAsync(session.Id, Actor.Customer("customer-3"))).Error.Code);
        Assert.Equal(0, (await sessions.FindAsync(session.Id))!.PlacesLeft);

        Assert.IsType<BookingOutcome.Succeeded>(await sessions.LeaveAsync(session.Id, Customer));
        Assert.Equal(1, (await sessions.FindAsync(session.Id))!.PlacesLeft);
        Assert.Equal("session.not_joined", Assert.IsType<BookingOutcome.Rejected>(await sessions.LeaveAsync(session.Id, Customer)).Error.Code);
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Actor.Customer("customer-3")));
        Assert.Equal(2, await SessionTestSupport.ParticipantsInDbAsync(database, session.Id));
    }

    [Fact]
    public async Task Join_IsForCustomers_AndNotAfterTheStart()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;

        Assert.Equal("session.customers_only", Assert.IsType<BookingOutcome.Rejected>(await database.Sessions().JoinAsync(session.Id, Owner)).Error.Code);
        database.Clock.Reset(TestAgenda.TuesdayAt(15, 1));
        Assert.Equal("session.started", Assert.IsType<BookingOutcome.Rejected>(await database.Sessions().JoinAsync(session.Id, Customer)).Error.Code);
        Assert.IsType<BookingOutcome.NotFound>(await database.Sessions().JoinAsync(Guid.NewGuid(), Customer));
    }

    [Fact]
    public async Task Leave_InsideTheCancellationWindow_IsRefused()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        Assert.IsType<BookingOutcome.Succeeded>(await database.Sessions().JoinAsync(session.Id, Customer));

        database.Clock.Reset(TestAgenda.TuesdayAt(10));
        var left = await database.Sessions().LeaveAsync(session.Id, Customer);

        Assert.Equal("booking.cancellation_window", Assert.IsType<BookingOutcome.Rejected>(left).Error.Code);
        Assert.Equal(1, await SessionTestSupport.ParticipantsInDbAsync(database, session.Id));
    }

    [Fact]
    public async Task Join_WithALiveWaitlistOffer_TakesTheHeldSeat_WhichNobodyElseCan()
    {
        var (database, agenda, c) = await SetUpAsync(capacity: 2);
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        Assert.IsType<BookingOutcome.Succeeded>(await database.Sessions().JoinAsync(session.Id, Customer));
        Guid entryId;
        await using (var db = database.NewContext())
        {
            var now = database.Clock.GetCurrentInstant();
            var entry = new WaitlistEntry(agenda.Shop.Id, agenda.Barber.Id, c.Id, agenda.OtherCustomer.Id, TestAgenda.Tuesday, null, null, session.Id, now);
            entry.Offer(agenda.Barber.Id, session.Start, session.End, session.BlockedStart, session.BlockedEnd, now, Duration.FromMinutes(15));
            db.WaitlistEntries.Add(entry);
            await db.SaveChangesAsync();
            entryId = entry.Id;
        }
        await TestAgendaExtra.AddCustomerAsync(database, "customer-3");

        Assert.Equal("session.full", Assert.IsType<BookingOutcome.Rejected>(await database.Sessions().JoinAsync(session.Id, Actor.Customer("customer-3"))).Error.Code);
        var seat = Assert.IsType<BookingOutcome.Succeeded>(await database.Sessions().JoinAsync(session.Id, OtherCustomer)).Booking;

        await using var check = database.NewContext();
        var booked = await check.WaitlistEntries.SingleAsync(e => e.Id == entryId);
        Assert.Equal((WaitlistStatus.Booked, (Guid?)seat.Id), (booked.Status, booked.BookingId));
        Assert.Equal(2, await SessionTestSupport.ParticipantsInDbAsync(database, session.Id));
    }

    [Fact]
    public async Task Participants_AreForTheBarberAndTheOwner_OnlyWithPhones()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        await database.Sessions().JoinAsync(session.Id, Customer);

        foreach (var staff in new[] { Barber, Owner })
        {
            var roster = await database.Sessions().ParticipantsAsync(session.Id, staff);
            var p = Assert.Single(roster.Value!.Participants);
            Assert.Equal(("Cliente Uno", agenda.Customer.Phone), (p.Name, p.Phone));
        }
        foreach (var stranger in new[] { OtherBarber, Customer, Actor.Owner("someone-else") })
            Assert.True((await database.Sessions().ParticipantsAsync(session.Id, stranger)).IsNotFound);
    }

    [Fact]
    public async Task Attendance_IsMarkedPerSeat_ThroughTheBookingLifecycle()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        var first = Assert.IsType<BookingOutcome.Succeeded>(await database.Sessions().JoinAsync(session.Id, Customer)).Booking;
        var second = Assert.IsType<BookingOutcome.Succeeded>(await database.Sessions().JoinAsync(session.Id, OtherCustomer)).Booking;

        Assert.Equal("booking.not_started", (await database.Bookings.ApplyAsync(first.Id, BookingAction.Complete, Barber)).Refusal?.Code);
        database.Clock.Reset(TestAgenda.TuesdayAt(15, 10));
        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.ApplyAsync(first.Id, BookingAction.Complete, Barber));
        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.ApplyAsync(second.Id, BookingAction.MarkNoShow, Barber));

        var roster = (await database.Sessions().ParticipantsAsync(session.Id, Barber)).Value!;
        Assert.Equal([BookingStatus.Completed, BookingStatus.NoShow], roster.Participants.Select(p => p.Status).Order());
        Assert.NotNull(await database.Bookings.FindAsync(first.Id, Customer));
    }

    [Fact]
    public async Task ASeat_TakesTheSessionsTimes_EvenAfterTheServiceChangedItsDuration()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        await using (var db = database.NewContext())
        {
            var offering = await db.Offerings.SingleAsync(o => o.Id == c.Id);
            offering.Update(offering.Name, Duration.FromMinutes(90), offering.Price, offering.BufferBefore, offering.BufferAfter, offering.Capacity);
            await db.SaveChangesAsync();
        }

        var seat = Assert.IsType<BookingOutcome.Succeeded>(await database.Sessions().JoinAsync(session.Id, Customer)).Booking;

        Assert.Equal((session.Start, session.End), (seat.Start, seat.End));
        Assert.Equal((session.BlockedStart, session.BlockedEnd), (seat.BlockedStart, seat.BlockedEnd));
    }

    [Fact]
    public async Task AcceptingAHeldSeat_AfterTheHoldRanOut_IsRefused_EvenWithPlacesLeft()
    {
        var (database, agenda, c) = await SetUpAsync(capacity: 3);
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        Guid entryId;
        await using (var db = database.NewContext())
        {
            var now = database.Clock.GetCurrentInstant();
            var entry = new WaitlistEntry(agenda.Shop.Id, agenda.Barber.Id, c.Id, agenda.OtherCustomer.Id, TestAgenda.Tuesday, null, null, session.Id, now);
            entry.Offer(agenda.Barber.Id, session.Start, session.End, session.BlockedStart, session.BlockedEnd, now, Duration.FromMinutes(15));
            db.WaitlistEntries.Add(entry);
            await db.SaveChangesAsync();
            entryId = entry.Id;
        }
        database.Clock.Advance(Duration.FromMinutes(16));

        var late = Assert.IsType<BookingOutcome.Rejected>(await database.Sessions().JoinAsync(session.Id, OtherCustomer, acceptingEntryId: entryId));

        Assert.Equal("waitlist.offer_expired", late.Error.Code);
        Assert.Equal(0, await SessionTestSupport.ParticipantsInDbAsync(database, session.Id));
    }

    [Fact]
    public async Task Join_IsRefused_WhenTheBarberOrTheClassWasDeactivated()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        await using (var db = database.NewContext())
        {
            (await db.Offerings.SingleAsync(o => o.Id == c.Id)).Deactivate();
            await db.SaveChangesAsync();
        }

        var refused = Assert.IsType<BookingOutcome.Rejected>(await database.Sessions().JoinAsync(session.Id, Customer));

        Assert.Equal("booking.offering_inactive", refused.Error.Code);
        Assert.Equal(0, await SessionTestSupport.ParticipantsInDbAsync(database, session.Id));
    }

    [Fact]
    public async Task ChangeCapacity_NeverBelowParticipants_NorAboveTheOfferings()
    {
        var (database, agenda, c) = await SetUpAsync(capacity: 5);
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15), 4), Owner)).Value!;
        await database.Sessions().JoinAsync(session.Id, Customer);
        await database.Sessions().JoinAsync(session.Id, OtherCustomer);
        await TestAgendaExtra.AddCustomerAsync(database, "customer-3");
        await database.Sessions().JoinAsync(session.Id, Actor.Customer("customer-3"));

        Assert.Equal("session.capacity", (await database.Sessions().ChangeCapacityAsync(session.Id, 6, Owner)).Error?.Code);
        Assert.Equal("session.capacity_below_participants", (await database.Sessions().ChangeCapacityAsync(session.Id, 2, Owner)).Error?.Code);
        Assert.True((await database.Sessions().ChangeCapacityAsync(session.Id, 3, OtherBarber)).IsNotFound);
        Assert.True((await database.Sessions().ChangeCapacityAsync(session.Id, 3, Barber)).Succeeded);
        Assert.Equal((3, 0), ((await database.Sessions().FindAsync(session.Id))!.Capacity, (await database.Sessions().FindAsync(session.Id))!.PlacesLeft));
        Assert.True((await database.Sessions().ChangeCapacityAsync(session.Id, 5, Owner)).Succeeded);
        Assert.Equal(2, (await database.Sessions().FindAsync(session.Id))!.PlacesLeft);
    }

    [Fact]
    public async Task CancelSession_CancelsEverySeat_AndFreesTheTime()
    {
        var (database, agenda, c) = await SetUpAsync();
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        await database.Sessions().JoinAsync(session.Id, Customer);
        await database.Sessions().JoinAsync(session.Id, OtherCustomer);

        Assert.True((await database.Sessions().CancelSessionAsync(session.Id, OtherBarber)).IsNotFound);
        var cancelled = await database.Sessions().CancelSessionAsync(session.Id, Owner, "Se corta la luz");

        Assert.True(cancelled.Succeeded, cancelled.Error?.ToString());
        await using (var db = database.NewContext())
        {
            Assert.All(await db.Bookings.Where(b => b.SessionId == session.Id).ToListAsync(), b => Assert.Equal(BookingStatus.Cancelled, b.Status));
            Assert.Equal(GroupSessionStatus.Cancelled, (await db.GroupSessions.SingleAsync()).Status);
        }
        Assert.Empty((await database.Sessions().ListAsync(agenda.Shop.Id, TestAgenda.Tuesday, TestAgenda.Tuesday)).Value!);
        Assert.Equal("session.cancelled", Assert.IsType<BookingOutcome.Rejected>(await database.Sessions().JoinAsync(session.Id, Customer)).Error.Code);
        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(16)), Customer));
    }

    [Fact]
    public async Task CancellingASeat_FromMyBookings_FreesThePlace()
    {
        var (database, agenda, c) = await SetUpAsync(capacity: 2);
        await using var _ = database;
        var session = (await database.Sessions().OpenAsync(At(agenda, c, TestAgenda.TuesdayAt(15)), Owner)).Value!;
        var seat = Assert.IsType<BookingOutcome.Succeeded>(await database.Sessions().JoinAsync(session.Id, Customer)).Booking;

        Assert.IsType<BookingOutcome.Succeeded>(await database.Bookings.ApplyAsync(seat.Id, BookingAction.Cancel, Customer));

        Assert.Equal(2, (await database.Sessions().FindAsync(session.Id))!.PlacesLeft);
        await using var db = database.NewContext();
        // Opened, joined, left: the session's open pages hear each change.
        Assert.Equal(3, await db.Outbox.CountAsync(m => m.Type == OutboxEventType.SessionChanged));
    }

    [Fact]
    public async Task List_RefusesABackwardsOrTooLongRange_AndAnUnknownShop()
    {
        var (database, agenda, _) = await SetUpAsync();
        await using var __ = database;
        Assert.Equal("session.range", (await database.Sessions().ListAsync(agenda.Shop.Id, TestAgenda.Tuesday, TestAgenda.Tuesday.PlusDays(-1))).Error?.Code);
        Assert.Equal("session.range_too_long", (await database.Sessions().ListAsync(agenda.Shop.Id, TestAgenda.Tuesday, TestAgenda.Tuesday.PlusDays(90))).Error?.Code);
        Assert.True((await database.Sessions().ListAsync(Guid.NewGuid(), TestAgenda.Tuesday, TestAgenda.Tuesday)).IsNotFound);
    }
}

internal static class TestAgendaExtra
{
    /// <summary>Adds a customer account (name and phone) with <paramref name="userId"/>.</summary>
    public static async Task AddCustomerAsync(TestDatabase database, string userId)
    {
        await using var db = database.NewContext();
        db.Users.Add(new BarberPro.Domain.Accounts.AppUser { Id = userId, UserName = userId + "@test", Email = userId + "@test", FullName = userId });
        db.Customers.Add(new BarberPro.Domain.Customers.Customer("Cliente " + userId, "11 5555-0000", userId + "@test", userId));
        await db.SaveChangesAsync();
    }
}
