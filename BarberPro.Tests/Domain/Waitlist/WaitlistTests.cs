using BarberPro.Domain.Bookings;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Waitlist;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Waitlist;

/// <summary>
/// The waitlist with a hold (issue 10) on every database: the clock is Monday 2026-12-07 09:00 in Buenos Aires (a
/// FakeClock, advanced by hand, never slept on); the barber's Tuesday is free except what a test books; the haircut is
/// 30 minutes plus 5 of cleanup on a 15-minute grid, so one booking at 10:00 fills the window "de 10 a 11".
/// Offers, holds and bookings are counted in the database, not taken from the services' answers.
/// </summary>
public abstract class WaitlistTests
{
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor OtherCustomer = Actor.Customer(TestAgenda.OtherCustomerUserId);
    private static readonly Actor Extra0 = Actor.Customer(TestAgenda.ExtraCustomerUserId(0));
    private static readonly Actor Extra1 = Actor.Customer(TestAgenda.ExtraCustomerUserId(1));
    private static readonly Actor Extra2 = Actor.Customer(TestAgenda.ExtraCustomerUserId(2));
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor OtherBarber = Actor.Provider(TestAgenda.OtherBarberUserId);

    private static readonly LocalTime Ten = new(10, 0);
    private static readonly LocalTime Eleven = new(11, 0);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static WaitlistService Waitlist(TestDatabase db) => db.Services.GetRequiredService<WaitlistService>();

    private static async Task<Booking> BookAsync(TestDatabase db, Guid providerId, Guid offeringId, Instant start, Actor who) =>
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(providerId, offeringId, start), who)).Booking;

    private static async Task<WaitlistEntry> JoinAsync(TestDatabase db, TestAgenda agenda, Actor who, Guid? providerId)
    {
        var joined = await Waitlist(db).JoinAsync(new JoinWaitlist(agenda.Haircut.Id, providerId, TestAgenda.Tuesday, Ten, Eleven), who);
        Assert.True(joined.Succeeded, joined.Error?.Message);
        return joined.Value!;
    }

    private static async Task<WaitlistEntry> StoredAsync(TestDatabase db, Guid entryId)
    {
        await using var ctx = db.NewContext();
        return await ctx.WaitlistEntries.AsNoTracking().SingleAsync(e => e.Id == entryId);
    }

    private static async Task CancelAsync(TestDatabase db, Booking booking, Actor who) =>
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, who, "No puedo"));

    [Fact]
    public async Task Cancel_OffersTheFreedSlotToTheFirstEntry_WhoAcceptsAndGetsTheBooking()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var taken = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var first = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);
        db.Clock.Advance(Duration.FromMinutes(1));
        var second = await JoinAsync(db, agenda, Extra0, agenda.Barber.Id);

        await CancelAsync(db, taken, OtherCustomer);

        var offered = await StoredAsync(db, first.Id);
        Assert.Equal(WaitlistStatus.Offered, offered.Status);
        Assert.Equal(TestAgenda.TuesdayAt(10), offered.OfferStart);
        Assert.Equal(TestAgenda.TuesdayAt(10, 30), offered.OfferEnd);
        Assert.Equal(TestAgenda.TuesdayAt(10, 35), offered.OfferBlockedEnd);
        Assert.Equal(db.Clock.GetCurrentInstant() + Duration.FromMinutes(15), offered.OfferExpiresAt);
        Assert.Equal(WaitlistStatus.Waiting, (await StoredAsync(db, second.Id)).Status);
        await using (var ctx = db.NewContext())
            Assert.Single(await ctx.Outbox.Where(m => m.Type == OutboxEventType.WaitlistOffered && m.WaitlistEntryId == first.Id).ToListAsync());

        var accepted = Assert.IsType<BookingOutcome.Succeeded>(await Waitlist(db).AcceptAsync(first.Id, Customer));
        Assert.Equal(TestAgenda.TuesdayAt(10), accepted.Booking.Start);
        Assert.Equal(agenda.Customer.Id, accepted.Booking.CustomerId);
        var booked = await StoredAsync(db, first.Id);
        Assert.Equal(WaitlistStatus.Booked, booked.Status);
        Assert.Equal(accepted.Booking.Id, booked.BookingId);
        Assert.Equal(0, await db.CountDoubleBookingsAsync());
        // Accepting twice books nothing more.
        Assert.IsType<BookingOutcome.Rejected>(await Waitlist(db).AcceptAsync(first.Id, Customer));
    }

    [Fact]
    public async Task FullSession_ASeatFreed_IsHeldForTheFirstEntry_WhoAcceptsItAsASeat_AndNobodyElseGetsIt()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 2);
        var @class = await Sessions.SessionTestSupport.AddClassAsync(db, agenda, capacity: 2);
        var session = await Sessions.SessionTestSupport.OpenAsync(db, agenda, @class, TestAgenda.TuesdayAt(15), capacity: 2);
        var sessions = Sessions.SessionTestSupport.Sessions(db);
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Customer));
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Extra0));
        var joined = await Waitlist(db).JoinAsync(new JoinWaitlist(@class.Id, agenda.Barber.Id, TestAgenda.Tuesday, SessionId: session.Id), OtherCustomer);
        Assert.True(joined.Succeeded, joined.Error?.Message);

        Assert.IsType<BookingOutcome.Succeeded>(await sessions.LeaveAsync(session.Id, Customer));

        var offered = await StoredAsync(db, joined.Value!.Id);
        Assert.Equal((WaitlistStatus.Offered, (Instant?)session.Start), (offered.Status, offered.OfferStart));
        // The freed seat is held: a third customer finds the session full while the hold lasts.
        Assert.Equal("session.full", Assert.IsType<BookingOutcome.Rejected>(await sessions.JoinAsync(session.Id, Extra1)).Error.Code);

        var seat = Assert.IsType<BookingOutcome.Succeeded>(await Waitlist(db).AcceptAsync(offered.Id, OtherCustomer)).Booking;
        Assert.Equal((session.Id, agenda.OtherCustomer.Id), (seat.SessionId, seat.CustomerId));
        var booked = await StoredAsync(db, offered.Id);
        Assert.Equal((WaitlistStatus.Booked, (Guid?)seat.Id), (booked.Status, booked.BookingId));
        Assert.Equal(2, await Sessions.SessionTestSupport.ParticipantsInDbAsync(db, session.Id));
        Assert.IsType<BookingOutcome.Rejected>(await Waitlist(db).AcceptAsync(offered.Id, OtherCustomer));
        Assert.Equal(2, await Sessions.SessionTestSupport.ParticipantsInDbAsync(db, session.Id));
    }

    [Fact]
    public async Task CancellingASession_ExpiresItsWaitlist_AndOffersTheFreedTimeToTheDaysWaitlist()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 2);
        var @class = await Sessions.SessionTestSupport.AddClassAsync(db, agenda, capacity: 2);
        var session = await Sessions.SessionTestSupport.OpenAsync(db, agenda, @class, TestAgenda.TuesdayAt(15), capacity: 2);
        var sessions = Sessions.SessionTestSupport.Sessions(db);
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Customer));
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Extra0));
        var forTheClass = await Waitlist(db).JoinAsync(new JoinWaitlist(@class.Id, agenda.Barber.Id, TestAgenda.Tuesday, SessionId: session.Id), OtherCustomer);
        Assert.True(forTheClass.Succeeded, forTheClass.Error?.Message);
        // A haircut "de 15 a 17": the class takes those hours, so the day's waitlist is the way in.
        var forAHaircut = await Waitlist(db).JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday, new LocalTime(15, 0), new LocalTime(17, 0)), Extra1);
        Assert.True(forAHaircut.Succeeded, forAHaircut.Error?.Message);

        Assert.True((await sessions.CancelSessionAsync(session.Id, Owner, "Se suspende la clase")).Succeeded);

        Assert.Equal(WaitlistStatus.Expired, (await StoredAsync(db, forTheClass.Value!.Id)).Status);
        var offered = await StoredAsync(db, forAHaircut.Value!.Id);
        Assert.Equal((WaitlistStatus.Offered, (Instant?)TestAgenda.TuesdayAt(15)), (offered.Status, offered.OfferStart));
    }

    [Fact]
    public async Task CancellingASeat_WithScopeFollowing_OffersThePlaceToTheSessionsWaitlist()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var @class = await Sessions.SessionTestSupport.AddClassAsync(db, agenda, capacity: 2);
        var session = await Sessions.SessionTestSupport.OpenAsync(db, agenda, @class, TestAgenda.TuesdayAt(15), capacity: 2);
        var sessions = Sessions.SessionTestSupport.Sessions(db);
        var seat = Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Customer)).Booking;
        Assert.IsType<BookingOutcome.Succeeded>(await sessions.JoinAsync(session.Id, Extra0));
        var waiting = await Waitlist(db).JoinAsync(new JoinWaitlist(@class.Id, agenda.Barber.Id, TestAgenda.Tuesday, SessionId: session.Id), OtherCustomer);
        Assert.True(waiting.Succeeded, waiting.Error?.Message);

        int SessionRows(BarberPro.Domain.Data.BarberProDbContext c) => c.Outbox.Count(m => m.Type == OutboxEventType.SessionChanged && m.SessionId == session.Id);
        int before;
        await using (var ctx0 = db.NewContext())
            before = SessionRows(ctx0);

        // "Cancel this and the following" on a booking that is no series' occurrence cancels just it: here, a seat.
        var cancelled = await db.Services.GetRequiredService<BarberPro.Domain.Series.SeriesService>().CancelFollowingAsync(seat.Id, Customer, "No puedo");

        Assert.IsType<BarberPro.Domain.Series.SeriesOutcome.Cancelled>(cancelled);
        var offered = await StoredAsync(db, waiting.Value!.Id);
        Assert.Equal((WaitlistStatus.Offered, (Instant?)session.Start), (offered.Status, offered.OfferStart));
        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.WaitlistEntries.CountAsync(e => e.SessionId == null && e.Status == WaitlistStatus.Offered));
        Assert.True(SessionRows(ctx) > before, "the session's places changed: its row goes to the outbox");
    }

    [Fact]
    public async Task HeldSlot_IsRefusedToAnotherCustomer_UntilTheHoldExpires_ThenBookable_AndTheLateAcceptIsExpired()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var taken = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var entry = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);
        await CancelAsync(db, taken, OtherCustomer);

        var refused = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Extra0);
        Assert.IsType<BookingOutcome.Conflict>(refused);
        Assert.DoesNotContain(TestAgenda.TuesdayAt(10), (await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday))!.Starts);

        db.Clock.Advance(Duration.FromMinutes(14));
        Assert.IsType<BookingOutcome.Conflict>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Extra0));

        // No sweep ran: the hold simply is not live any more.
        db.Clock.Advance(Duration.FromMinutes(1));
        await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), Extra0);

        var late = Assert.IsType<BookingOutcome.Rejected>(await Waitlist(db).AcceptAsync(entry.Id, Customer));
        Assert.Equal(WaitlistErrors.OfferExpired.Code, late.Error.Code);
        Assert.Equal(0, await db.CountDoubleBookingsAsync());
    }

    [Fact]
    public async Task OfferExpires_TheSweepPassesItToTheNextEntry_AndTheFirstCannotAccept()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var taken = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var first = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);
        db.Clock.Advance(Duration.FromMinutes(1));
        var second = await JoinAsync(db, agenda, Extra0, agenda.Barber.Id);
        await CancelAsync(db, taken, OtherCustomer);

        db.Clock.Advance(Duration.FromMinutes(10));
        Assert.Equal(0, await Waitlist(db).PassExpiredOffersAsync());
        Assert.Equal(WaitlistStatus.Offered, (await StoredAsync(db, first.Id)).Status);

        db.Clock.Advance(Duration.FromMinutes(5));
        Assert.Equal(1, await Waitlist(db).PassExpiredOffersAsync());

        Assert.Equal(WaitlistStatus.Expired, (await StoredAsync(db, first.Id)).Status);
        var next = await StoredAsync(db, second.Id);
        Assert.Equal(WaitlistStatus.Offered, next.Status);
        Assert.Equal(agenda.Barber.Id, next.OfferProviderId);
        Assert.Equal(TestAgenda.TuesdayAt(10), next.OfferStart);
        var late = Assert.IsType<BookingOutcome.Rejected>(await Waitlist(db).AcceptAsync(first.Id, Customer));
        Assert.Equal(WaitlistErrors.OfferExpired.Code, late.Error.Code);
        Assert.IsType<BookingOutcome.Succeeded>(await Waitlist(db).AcceptAsync(second.Id, Extra0));
    }

    [Fact]
    public async Task OfferingByHand_OverAnOfferThatRanOut_PassesTheOldSlotToTheNextEntry()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var taken = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var first = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);
        db.Clock.Advance(Duration.FromMinutes(1));
        var second = await JoinAsync(db, agenda, Extra0, agenda.Barber.Id);
        await CancelAsync(db, taken, OtherCustomer);
        db.Clock.Advance(Duration.FromMinutes(16));

        // Before any sweep, the owner offers the first customer another time by hand: 10:00 must not be forgotten.
        var byHand = await Waitlist(db).OfferByHandAsync(first.Id, TestAgenda.TuesdayAt(11), null, Owner);

        Assert.True(byHand.Succeeded, byHand.Error?.Message);
        Assert.Equal(TestAgenda.TuesdayAt(11), (await StoredAsync(db, first.Id)).OfferStart);
        var next = await StoredAsync(db, second.Id);
        Assert.Equal((WaitlistStatus.Offered, (Instant?)TestAgenda.TuesdayAt(10)), (next.Status, next.OfferStart));
    }

    [Fact]
    public async Task Decline_PassesTheHeldSlotToTheNextEntryAtOnce()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var taken = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var first = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);
        db.Clock.Advance(Duration.FromMinutes(1));
        var second = await JoinAsync(db, agenda, Extra0, agenda.Barber.Id);
        await CancelAsync(db, taken, OtherCustomer);

        // Someone else's entry is not theirs to decline.
        Assert.True((await Waitlist(db).DeclineAsync(first.Id, Extra0)).IsNotFound);
        var declined = await Waitlist(db).DeclineAsync(first.Id, Customer);

        Assert.True(declined.Succeeded);
        Assert.Equal(WaitlistStatus.Left, (await StoredAsync(db, first.Id)).Status);
        var next = await StoredAsync(db, second.Id);
        Assert.Equal(WaitlistStatus.Offered, next.Status);
        Assert.Equal(TestAgenda.TuesdayAt(10), next.OfferStart);
    }

    [Fact]
    public async Task RescheduleAway_OffersTheOldTime()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var taken = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var entry = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(taken.Id, TestAgenda.TuesdayAt(15), OtherCustomer));

        var offered = await StoredAsync(db, entry.Id);
        Assert.Equal(WaitlistStatus.Offered, offered.Status);
        Assert.Equal(TestAgenda.TuesdayAt(10), offered.OfferStart);
    }

    [Fact]
    public async Task RemovingTimeOff_OffersTheFreedTime()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var schedule = db.Services.GetRequiredService<BarberPro.Domain.Scheduling.ScheduleService>();
        var barber = Actor.Provider(TestAgenda.BarberUserId);
        var added = await schedule.AddTimeOffAsync(agenda.Barber.Id, TestAgenda.Tuesday.At(Ten), TestAgenda.Tuesday.At(Eleven), "Trámite", barber);
        Assert.True(added.Succeeded);
        var entry = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);

        Assert.True((await schedule.RemoveTimeOffAsync(agenda.Barber.Id, added.Value!.TimeOff.Single().Id, barber)).Succeeded);

        var offered = await StoredAsync(db, entry.Id);
        Assert.Equal(WaitlistStatus.Offered, offered.Status);
        Assert.Equal(TestAgenda.TuesdayAt(10), offered.OfferStart);
    }

    [Fact]
    public async Task Join_IsRefused_ForAFreeWindow_APastDate_AnEmptyWindow_AndTwice()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var service = Waitlist(db);

        var free = await service.JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday, Ten, Eleven), Customer);
        Assert.Equal(WaitlistErrors.SlotAvailable.Code, free.Error?.Code);
        var past = await service.JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday.PlusDays(-2)), Customer);
        Assert.Equal(WaitlistErrors.DatePast.Code, past.Error?.Code);
        var empty = await service.JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday, Eleven, Ten), Customer);
        Assert.Equal(WaitlistErrors.Window.Code, empty.Error?.Code);
        var far = await service.JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday.PlusDays(90)), Customer);
        Assert.Equal(WaitlistErrors.BeyondHorizon.Code, far.Error?.Code);

        await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        await JoinAsync(db, agenda, Customer, agenda.Barber.Id);
        var twice = await service.JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday, Ten, Eleven), Customer);
        Assert.Equal(WaitlistErrors.Duplicate.Code, twice.Error?.Code);
        // "Cualquiera" still finds the other barber free.
        var any = await service.JoinAsync(new JoinWaitlist(agenda.Haircut.Id, null, TestAgenda.Tuesday, Ten, Eleven), Customer);
        Assert.Equal(WaitlistErrors.SlotAvailable.Code, any.Error?.Code);
        await using var ctx = db.NewContext();
        Assert.Equal(1, await ctx.WaitlistEntries.CountAsync());
    }

    [Fact]
    public async Task FullDays_AreWorkedDaysWithNothingFree_AndJoiningADayOffIsRefused()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var monday = TestAgenda.Tuesday.PlusDays(-1);
        // Only 10:00–10:30 worked on Tuesday: one booking fills it.
        await using (var ctx = db.NewContext())
        {
            var barber = await ctx.Providers.Include(p => p.Overrides).SingleAsync(p => p.Id == agenda.Barber.Id);
            barber.SetOverride(TestAgenda.Tuesday, [new BarberPro.Domain.Scheduling.LocalTimeRange(Ten, new LocalTime(10, 30))], null);
            await ctx.SaveChangesAsync();
        }
        Assert.Empty(await Waitlist(db).FullDaysAsync(agenda.Haircut.Id, agenda.Barber.Id, monday, TestAgenda.Tuesday.PlusDays(1)));
        await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);

        Assert.Equal([TestAgenda.Tuesday], await Waitlist(db).FullDaysAsync(agenda.Haircut.Id, agenda.Barber.Id, monday, TestAgenda.Tuesday.PlusDays(1)));
        // Monday is the barber's day off: nothing to wait for.
        var dayOff = await Waitlist(db).JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, monday), Customer);
        Assert.Equal(WaitlistErrors.ClosedDay.Code, dayOff.Error?.Code);
        Assert.True((await Waitlist(db).JoinAsync(new JoinWaitlist(agenda.Haircut.Id, agenda.Barber.Id, TestAgenda.Tuesday), Customer)).Succeeded);
    }

    [Fact]
    public async Task EntriesForPastDates_Expire()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var entry = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);

        db.Clock.Reset(TestAgenda.TuesdayAt(23, 59));
        Assert.Equal(0, await Waitlist(db).PassExpiredOffersAsync());
        Assert.Equal(WaitlistStatus.Waiting, (await StoredAsync(db, entry.Id)).Status);

        db.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(1, await Waitlist(db).PassExpiredOffersAsync());
        Assert.Equal(WaitlistStatus.Expired, (await StoredAsync(db, entry.Id)).Status);
    }

    [Fact]
    public async Task Queue_IsForTheShopsStaff_AndOfferByHandHoldsAFreeSlot()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        var entry = await JoinAsync(db, agenda, Customer, agenda.Barber.Id);

        var queue = await Waitlist(db).QueueAsync(agenda.Shop.Id, TestAgenda.Tuesday, Owner);
        var row = Assert.Single(queue.Value!);
        Assert.Equal("Cliente Uno", row.CustomerName);
        Assert.Equal("Barbero Uno", row.ProviderName);
        // The other barber sees only entries for them or for anyone; a customer sees no queue.
        Assert.Empty((await Waitlist(db).QueueAsync(agenda.Shop.Id, TestAgenda.Tuesday, OtherBarber)).Value!);
        Assert.True((await Waitlist(db).QueueAsync(agenda.Shop.Id, TestAgenda.Tuesday, Customer)).IsNotFound);
        Assert.True((await Waitlist(db).OfferByHandAsync(entry.Id, TestAgenda.TuesdayAt(11), null, OtherBarber)).IsNotFound);

        var takenSlot = await Waitlist(db).OfferByHandAsync(entry.Id, TestAgenda.TuesdayAt(10), null, Owner);
        Assert.Equal("slot.taken", takenSlot.Error?.Code);
        var byHand = await Waitlist(db).OfferByHandAsync(entry.Id, TestAgenda.TuesdayAt(11), null, Owner);
        Assert.True(byHand.Succeeded, byHand.Error?.Message);
        var offered = await StoredAsync(db, entry.Id);
        Assert.Equal(WaitlistStatus.Offered, offered.Status);
        Assert.Equal(TestAgenda.TuesdayAt(11), offered.OfferStart);
        Assert.IsType<BookingOutcome.Conflict>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), OtherCustomer));
        Assert.IsType<BookingOutcome.Succeeded>(await Waitlist(db).AcceptAsync(entry.Id, Customer));
    }

    /// <summary>
    /// Two cancellations of two barbers at 10:00 race (real connections, one gate) while three customers wait for
    /// "cualquiera" de 10 a 11: each freed slot is held for exactly one entry, no entry holds two, and the first two in
    /// order of joining are the ones offered. Counted in the database; repeated on three hours.
    /// </summary>
    [Fact]
    public async Task ADoubleTap_JoinsOnce_WhateverTheRace()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        // "de 10 a 11" is full with both barbers: the round for any barber ("cualquiera") can wait too.
        await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), OtherCustomer);
        await BookAsync(db, agenda.OtherBarber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), Extra0);

        for (var round = 0; round < 3; round++)
        {
            var providerId = round == 1 ? (Guid?)null : agenda.Barber.Id;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var taps = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                return await Waitlist(db).JoinAsync(new JoinWaitlist(agenda.Haircut.Id, providerId, TestAgenda.Tuesday, Ten, Eleven), Customer);
            })).ToArray();
            gate.SetResult();
            var answers = await Task.WhenAll(taps);

            Assert.True(answers.Count(a => a.Succeeded) == 1, string.Join(",", answers.Select(a => a.Succeeded ? "ok" : a.Error?.Code ?? "notfound")));
            Assert.All(answers.Where(a => !a.Succeeded), a => Assert.True(a.Error?.Code is "waitlist.duplicate" or "booking.busy", a.Error?.Code));
            await using var ctx = db.NewContext();
            Assert.Equal(1, await ctx.WaitlistEntries.CountAsync(e => e.ProviderId == providerId && e.Status == WaitlistStatus.Waiting));
            // Leave, so the next round can join again.
            await ctx.WaitlistEntries.ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, WaitlistStatus.Left));
        }
    }

    [Fact]
    public async Task TwoConcurrentCancellations_NeverOfferOneSlotTwice_NorTwoSlotsToOneEntry()
    {
        await using var db = await CreateDatabaseAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 3);
        foreach (var hour in new[] { 10, 15, 17 })
        {
            var from = new LocalTime(hour, 0);
            var to = new LocalTime(hour + 1, 0);
            var a = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(hour), Customer);
            var b = await BookAsync(db, agenda.OtherBarber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(hour), OtherCustomer);
            var entries = new List<WaitlistEntry>();
            foreach (var who in new[] { Extra0, Extra1, Extra2 })
            {
                db.Clock.Advance(Duration.FromSeconds(1));
                var joined = await Waitlist(db).JoinAsync(new JoinWaitlist(agenda.Haircut.Id, null, TestAgenda.Tuesday, from, to), who);
                Assert.True(joined.Succeeded, joined.Error?.Message);
                entries.Add(joined.Value!);
            }

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = new[] { (a, Customer), (b, OtherCustomer) }.Select(x => Task.Run(async () =>
            {
                await gate.Task;
                return await db.Bookings.ApplyAsync(x.Item1.Id, BookingAction.Cancel, x.Item2, "Carrera");
            })).ToArray();
            gate.SetResult();
            foreach (var outcome in await Task.WhenAll(racers))
                Assert.IsType<BookingOutcome.Succeeded>(outcome);

            await using var ctx = db.NewContext();
            var ids = entries.Select(e => e.Id).ToList();
            var stored = await ctx.WaitlistEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync();
            var offered = stored.Where(e => e.Status == WaitlistStatus.Offered).ToList();
            Assert.Equal(2, offered.Count);
            Assert.Equal(2, offered.Select(e => (e.OfferProviderId, e.OfferStart)).Distinct().Count());
            Assert.Equal(ids.Take(2).Order(), offered.Select(e => e.Id).Order());
            Assert.All(offered, e => Assert.Equal(1, e.Version));
            var offers = await ctx.Outbox.Where(m => m.Type == OutboxEventType.WaitlistOffered && ids.Contains(m.WaitlistEntryId!.Value)).CountAsync();
            Assert.Equal(2, offers);
        }
    }
}

public sealed class WaitlistOnSqliteTests : WaitlistTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

/// <summary>On PostgreSQL with the app's retrying execution strategy, as in production.</summary>
public sealed class WaitlistOnPostgreSqlTests : WaitlistTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync(maxRetryCount: 5);
}
