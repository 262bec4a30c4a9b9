using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// <see cref="BookingService"/> over a real SQLite file, one database per test. The clock starts Monday 2026-12-07
/// 09:00 in Buenos Aires; the barber works Tuesday to Saturday 09–13 and 14–20; the haircut is 30 minutes plus
/// 5 minutes of cleanup; the shop's policy is the default (24 h cancellation window, 1 h notice, 60 days, 15').
/// </summary>
public sealed class BookingServiceTests
{
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor OtherCustomer = Actor.Customer(TestAgenda.OtherCustomerUserId);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private static readonly Actor OtherBarber = Actor.Provider(TestAgenda.OtherBarberUserId);
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Admin = Actor.Admin("admin-1");

    // ---- booking ----

    [Fact]
    public async Task Book_FreeSlot_ByCustomer_IsPendingWithPriceSnapshotHistoryAndBlockedSpan()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var start = TestAgenda.TuesdayAt(10);

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start, "Corte clásico"), Customer);

        var booked = Succeeded(outcome);
        var stored = await LoadAsync(db, booked.Id);
        Assert.Equal(BookingStatus.Pending, stored.Status);
        Assert.Equal(12000m, stored.Price);
        Assert.Equal("ARS", stored.Currency);
        Assert.Equal(agenda.Customer.Id, stored.CustomerId);
        Assert.Equal(agenda.Barber.Id, stored.ProviderId);
        Assert.Equal("Corte clásico", stored.Notes);
        Assert.Equal(start, stored.Start);
        Assert.Equal(start + Duration.FromMinutes(30), stored.End);
        Assert.Equal(start, stored.BlockedStart);
        Assert.Equal(start + Duration.FromMinutes(35), stored.BlockedEnd);
        var created = Assert.Single(stored.History);
        Assert.Null(created.FromStatus);
        Assert.Null(created.Action);
        Assert.Equal(BookingStatus.Pending, created.ToStatus);
        Assert.Equal(TestAgenda.CustomerUserId, created.ByUserId);
        Assert.Equal(ActorRole.Customer, created.ByRole);
        Assert.Equal(TestAgenda.DefaultNow, created.At);
    }

    [Fact]
    public async Task Book_PriceChangesLater_BookingKeepsSnapshot()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        await using (var ctx = db.NewContext())
        {
            var haircut = await ctx.Offerings.SingleAsync(o => o.Id == agenda.Haircut.Id);
            haircut.Update(haircut.Name, haircut.Duration, 15000m, haircut.BufferBefore, haircut.BufferAfter, haircut.Capacity);
            await ctx.SaveChangesAsync();
        }

        Assert.Equal(12000m, (await LoadAsync(db, booking.Id)).Price);
    }

    [Fact]
    public async Task Book_FreeSlot_BlocksTheSlotAndItsCleanupForOthers()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        var slots = (await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday))!.Starts;

        Assert.Contains(TestAgenda.TuesdayAt(9, 15), slots);        // 09:15–09:50
        Assert.DoesNotContain(TestAgenda.TuesdayAt(9, 30), slots);  // would clean up until 10:05
        Assert.DoesNotContain(TestAgenda.TuesdayAt(10), slots);
        Assert.DoesNotContain(TestAgenda.TuesdayAt(10, 30), slots); // overlaps the 10:30–10:35 cleanup
        Assert.Contains(TestAgenda.TuesdayAt(10, 45), slots);
    }

    [Fact]
    public async Task Book_TakenSlot_ReturnsConflictWithFreeSortedAlternatives()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10, 15)), OtherCustomer);

        var conflict = Assert.IsType<BookingOutcome.Conflict>(outcome);
        Assert.Equal("slot.taken", conflict.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(conflict.Error.Message));
        Assert.NotEmpty(conflict.Alternatives);
        Assert.Equal(conflict.Alternatives.OrderBy(a => a), conflict.Alternatives);
        Assert.Equal(conflict.Alternatives.Count, conflict.Alternatives.Distinct().Count());
        foreach (var alternative in conflict.Alternatives)
        {
            var answer = await db.Availability.CheckAsync(agenda.Barber.Id, agenda.Haircut.Id, alternative);
            Assert.True(answer!.Available, $"alternative {alternative} is not free: {answer.Check}");
        }
        Assert.Equal(1, await CountBookingsAsync(db));
    }

    [Fact]
    public async Task Book_SameSlotTwice_SecondIsConflictAndOnlyOneBookingExists()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var request = new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11));

        Succeeded(await db.Bookings.BookAsync(request, Customer));
        Assert.IsType<BookingOutcome.Conflict>(await db.Bookings.BookAsync(request, OtherCustomer));

        Assert.Equal(1, await CountBookingsAsync(db));
    }

    [Fact]
    public async Task Book_SameTimeWithOtherBarber_IsNotAConflict()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(11));

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.OtherBarber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), OtherCustomer);

        Succeeded(outcome);
    }

    public static TheoryData<string, string> RefusedStarts => new()
    {
        { "off-grid", "slot.outside_hours" },
        { "lunch break", "slot.outside_hours" },
        { "day off", "slot.outside_hours" },
        { "past", "slot.in_past" },
        { "within notice", "slot.too_soon" },
        { "beyond horizon", "slot.beyond_horizon" },
    };

    [Theory]
    [MemberData(nameof(RefusedStarts))]
    public async Task Book_UnbookableStart_IsRejectedWithMatchingCodeAndChangesNothing(string which, string code)
    {
        await using var db = await SqliteTestDatabase.CreateAsync(TestAgenda.TuesdayAt(9));
        var agenda = await TestAgenda.SeedAsync(db);
        var today = TestAgenda.Tuesday;
        var start = which switch
        {
            "off-grid" => TestAgenda.TuesdayAt(15, 7),
            "lunch break" => TestAgenda.TuesdayAt(13, 15),
            "day off" => TestAgenda.Local(today.PlusDays(5).At(new LocalTime(10, 0))),            // Sunday
            "past" => TestAgenda.Local(today.PlusDays(-4).At(new LocalTime(10, 0))),              // last Friday
            "within notice" => TestAgenda.TuesdayAt(9, 30),
            "beyond horizon" => TestAgenda.Local(today.PlusDays(63).At(new LocalTime(10, 0))),  // a Tuesday, 3 days past the horizon
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        var before = await SnapshotAsync(db, agenda);

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), Customer);

        var rejected = Assert.IsType<BookingOutcome.Rejected>(outcome);
        Assert.Equal(code, rejected.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Error.Message));
        Assert.Equal(before, await SnapshotAsync(db, agenda));
    }

    [Fact]
    public async Task Book_LastDayOfHorizon_IsAccepted()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var last = TestAgenda.DefaultNow.InZone(TestAgenda.BuenosAires).Date.PlusDays(BookingPolicy.Default.HorizonDays);
        Assert.Equal(IsoDayOfWeek.Friday, last.DayOfWeek);

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Local(last.At(new LocalTime(19, 30)))), Customer);

        Succeeded(outcome);
    }

    [Fact]
    public async Task Book_InactiveOffering_IsRejectedAndChangesNothing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await using (var ctx = db.NewContext())
        {
            (await ctx.Offerings.SingleAsync(o => o.Id == agenda.Haircut.Id)).Deactivate();
            await ctx.SaveChangesAsync();
        }
        var before = await SnapshotAsync(db, agenda);

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Customer);

        Assert.Equal("booking.offering_inactive", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
        Assert.Equal(before, await SnapshotAsync(db, agenda));
    }

    [Fact]
    public async Task Availability_InactiveProviderOrOffering_OffersNothing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        Assert.NotEmpty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday))!.Starts);
        await using (var ctx = db.NewContext())
        {
            (await ctx.Offerings.SingleAsync(o => o.Id == agenda.Haircut.Id)).Deactivate();
            (await ctx.Providers.SingleAsync(p => p.Id == agenda.OtherBarber.Id)).Deactivate();
            await ctx.SaveChangesAsync();
        }

        Assert.Empty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday))!.Starts);
        Assert.Empty((await db.Availability.GetAvailableDaysAsync(agenda.Barber.Id, agenda.Haircut.Id, new YearMonth(2026, 12)))!);
        Assert.Empty((await db.Availability.GetSlotsAsync(agenda.OtherBarber.Id, agenda.Color.Id, TestAgenda.Tuesday))!.Starts);
        Assert.NotEmpty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Color.Id, TestAgenda.Tuesday))!.Starts);
    }

    [Fact]
    public async Task Book_ByStaffForCustomer_IsConfirmedAtOnce()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var outcome = await db.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), CustomerId: agenda.Customer.Id), Barber);

        var stored = await LoadAsync(db, Succeeded(outcome).Id);
        Assert.Equal(BookingStatus.Confirmed, stored.Status);
        Assert.Equal(agenda.Customer.Id, stored.CustomerId);
        var created = Assert.Single(stored.History);
        Assert.Equal(BookingStatus.Confirmed, created.ToStatus);
        Assert.Equal(ActorRole.Provider, created.ByRole);
    }

    [Fact]
    public async Task Book_ByOwnerForCustomer_IsConfirmedAtOnce()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var outcome = await db.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), CustomerId: agenda.OtherCustomer.Id), Owner);

        Assert.Equal(BookingStatus.Confirmed, Succeeded(outcome).Status);
    }

    [Fact]
    public async Task Book_ByStaffWithoutCustomer_IsRejected()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Barber);

        Assert.Equal("booking.customer_required", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
        Assert.Equal(0, await CountBookingsAsync(db));
    }

    [Fact]
    public async Task Book_OnAnotherBarbersAgenda_ByProvider_IsNotFound()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var outcome = await db.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), CustomerId: agenda.Customer.Id), OtherBarber);

        Assert.IsType<BookingOutcome.NotFound>(outcome);
        Assert.Equal(0, await CountBookingsAsync(db));
    }

    [Fact]
    public async Task Book_ByOwnerOfAnotherShop_IsNotFoundAndChangesNothing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        const string otherOwner = "owner-2";
        await using (var ctx = db.NewContext())
        {
            ctx.Users.Add(new AppUser { Id = otherOwner, UserName = "owner-2@test", Email = "owner-2@test", FullName = "Otro Dueño" });
            var otherShop = new Shop("Otra Barbería", "otra-barberia");
            otherShop.AssignOwner(otherOwner);
            ctx.Shops.Add(otherShop);
            await ctx.SaveChangesAsync();
        }
        var before = await SnapshotAsync(db, agenda);

        var outcome = await db.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), CustomerId: agenda.Customer.Id), Actor.Owner(otherOwner));

        Assert.IsType<BookingOutcome.NotFound>(outcome);
        Assert.Equal(before, await SnapshotAsync(db, agenda));
    }

    // ---- cancelling ----

    [Fact]
    public async Task Cancel_MoreThanWindowBefore_ByCustomer_CancelsAndFreesTheSlot()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var start = TestAgenda.TuesdayAt(10);
        var booking = await BookAsync(db, agenda, start);     // now is Monday 09:00: 25 h before
        Assert.DoesNotContain(start, await SlotsAsync(db, agenda));

        var outcome = await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Customer, "Me surgió un viaje");

        Succeeded(outcome);
        var stored = await LoadAsync(db, booking.Id);
        Assert.Equal(BookingStatus.Cancelled, stored.Status);
        Assert.Equal(TestAgenda.CustomerUserId, stored.CancelledByUserId);
        Assert.Equal("Me surgió un viaje", stored.CancellationReason);
        Assert.Equal(2, stored.History.Count);
        var cancelled = Assert.Single(stored.History, h => h.Action == BookingAction.Cancel);
        Assert.Equal(BookingStatus.Pending, cancelled.FromStatus);
        Assert.Equal(BookingStatus.Cancelled, cancelled.ToStatus);
        Assert.Equal(BookingAction.Cancel, cancelled.Action);
        Assert.Equal("Me surgió un viaje", cancelled.Reason);
        Assert.Contains(start, await SlotsAsync(db, agenda));
    }

    [Fact]
    public async Task Cancel_InsideWindow_ByCustomer_IsRefused()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        db.Clock.AdvanceHours(2);                             // Monday 11:00: 23 h before
        var before = await SnapshotAsync(db, agenda);

        var outcome = await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Customer);

        var rejected = Assert.IsType<BookingOutcome.Rejected>(outcome);
        Assert.Equal("booking.cancellation_window", rejected.Error.Code);
        Assert.Contains("24 horas", rejected.Error.Message);
        Assert.Equal(before, await SnapshotAsync(db, agenda));
        var stored = await LoadAsync(db, booking.Id);
        Assert.Equal(BookingStatus.Pending, stored.Status);
        Assert.Single(stored.History);
        Assert.DoesNotContain(TestAgenda.TuesdayAt(10), await SlotsAsync(db, agenda));
    }

    [Fact]
    public async Task Cancel_ExactlyAtWindowStart_ByCustomer_IsAllowed()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        db.Clock.Reset(TestAgenda.TuesdayAt(10) - Duration.FromHours(24));

        Succeeded(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Customer));
    }

    [Fact]
    public async Task Cancel_InsideWindow_ByProvider_IsAllowed()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        db.Clock.Reset(TestAgenda.TuesdayAt(9, 30));

        var outcome = await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Barber, "El barbero está enfermo");

        Succeeded(outcome);
        var stored = await LoadAsync(db, booking.Id);
        Assert.Equal(BookingStatus.Cancelled, stored.Status);
        Assert.Equal(TestAgenda.BarberUserId, stored.CancelledByUserId);
    }

    [Fact]
    public async Task Cancel_ByAnotherCustomer_IsNotFound()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        Assert.IsType<BookingOutcome.NotFound>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, OtherCustomer));
        Assert.Null(await db.Bookings.FindAsync(booking.Id, OtherCustomer));
        Assert.Equal(BookingStatus.Pending, (await LoadAsync(db, booking.Id)).Status);
    }

    [Fact]
    public async Task ConfirmAndCancel_ByAnotherBarber_AreNotFound()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        Assert.IsType<BookingOutcome.NotFound>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Confirm, OtherBarber));
        Assert.IsType<BookingOutcome.NotFound>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, OtherBarber));
        Assert.IsType<BookingOutcome.NotFound>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(11), OtherBarber));
        Assert.Null(await db.Bookings.FindAsync(booking.Id, OtherBarber));
        Assert.Equal(BookingStatus.Pending, (await LoadAsync(db, booking.Id)).Status);
    }

    [Fact]
    public async Task Reschedule_ByAnotherCustomer_IsNotFound()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        Assert.IsType<BookingOutcome.NotFound>(await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(11), OtherCustomer));
        Assert.Equal(TestAgenda.TuesdayAt(10), (await LoadAsync(db, booking.Id)).Start);
    }

    [Fact]
    public async Task Confirm_ByShopOwner_IsAllowed()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        Succeeded(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Confirm, Owner));

        var stored = await LoadAsync(db, booking.Id);
        Assert.Equal(BookingStatus.Confirmed, stored.Status);
        Assert.Contains(stored.History, h => h.Action == BookingAction.Confirm && h.ByRole == ActorRole.Owner && h.FromStatus == BookingStatus.Pending);
    }

    [Fact]
    public async Task Cancel_InsideWindow_ByAdmin_IsAllowed()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        db.Clock.AdvanceHours(20);

        Assert.NotNull(await db.Bookings.FindAsync(booking.Id, Admin));
        Succeeded(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Admin));
        Assert.Equal(BookingStatus.Cancelled, (await LoadAsync(db, booking.Id)).Status);
    }

    [Fact]
    public async Task Cancel_ByOwnerOfAnotherShop_IsNotFound()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        Assert.IsType<BookingOutcome.NotFound>(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Actor.Owner("owner-2")));
        Assert.Equal(BookingStatus.Pending, (await LoadAsync(db, booking.Id)).Status);
    }

    [Fact]
    public async Task Cancel_AlreadyCancelled_IsRejected()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        Succeeded(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Customer));

        var outcome = await db.Bookings.ApplyAsync(booking.Id, BookingAction.Cancel, Barber);

        Assert.Equal("booking.invalid_transition", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
        Assert.Equal(2, (await LoadAsync(db, booking.Id)).History.Count);
    }

    // ---- completing, no-show ----

    [Theory]
    [InlineData(BookingAction.Complete)]
    [InlineData(BookingAction.MarkNoShow)]
    public async Task CompleteOrNoShow_BeforeStart_ByProvider_IsRefused(BookingAction action)
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        db.Clock.Reset(TestAgenda.TuesdayAt(9, 59));
        var before = await SnapshotAsync(db, agenda);

        var outcome = await db.Bookings.ApplyAsync(booking.Id, action, Barber);

        Assert.Equal("booking.not_started", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
        Assert.Equal(before, await SnapshotAsync(db, agenda));
        Assert.Equal(BookingStatus.Pending, (await LoadAsync(db, booking.Id)).Status);
    }

    [Theory]
    [InlineData(BookingAction.Complete, BookingStatus.Completed)]
    [InlineData(BookingAction.MarkNoShow, BookingStatus.NoShow)]
    public async Task CompleteOrNoShow_AfterStart_ByProvider_IsAllowed(BookingAction action, BookingStatus expected)
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        Succeeded(await db.Bookings.ApplyAsync(booking.Id, BookingAction.Confirm, Barber));
        db.Clock.Reset(TestAgenda.TuesdayAt(10, 20));

        var outcome = await db.Bookings.ApplyAsync(booking.Id, action, Barber);

        Succeeded(outcome);
        var stored = await LoadAsync(db, booking.Id);
        Assert.Equal(expected, stored.Status);
        Assert.Equal(3, stored.History.Count);
        Assert.Contains(stored.History, h => h.Action == action && h.FromStatus == BookingStatus.Confirmed && h.ToStatus == expected);
    }

    [Fact]
    public async Task Complete_AfterStart_ByCustomer_IsRefused()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        db.Clock.Reset(TestAgenda.TuesdayAt(10, 40));

        var outcome = await db.Bookings.ApplyAsync(booking.Id, BookingAction.Complete, Customer);

        Assert.Equal("booking.forbidden_action", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
    }

    // ---- rescheduling ----

    [Fact]
    public async Task Reschedule_ToFreeSlot_ByCustomer_MovesTheBooking()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var oldStart = TestAgenda.TuesdayAt(10);
        var newStart = TestAgenda.TuesdayAt(15, 30);
        var booking = await BookAsync(db, agenda, oldStart);

        var outcome = await db.Bookings.RescheduleAsync(booking.Id, newStart, Customer);

        Succeeded(outcome);
        var stored = await LoadAsync(db, booking.Id);
        Assert.Equal(newStart, stored.Start);
        Assert.Equal(newStart + Duration.FromMinutes(30), stored.End);
        Assert.Equal(newStart + Duration.FromMinutes(35), stored.BlockedEnd);
        Assert.Equal(BookingStatus.Pending, stored.Status);
        var moved = Assert.Single(stored.History, h => h.Action == BookingAction.Reschedule);
        Assert.Equal(oldStart, moved.PreviousStart);
        Assert.Equal(BookingStatus.Pending, moved.FromStatus);
        Assert.Equal(BookingStatus.Pending, moved.ToStatus);
        var slots = await SlotsAsync(db, agenda);
        Assert.Contains(oldStart, slots);
        Assert.DoesNotContain(newStart, slots);
        Assert.Equal(1, await CountBookingsAsync(db));
    }

    [Fact]
    public async Task Reschedule_ToOverlappingSlotOfItsOwn_IsAllowed()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        // 10:15 overlaps only the booking being moved.
        var outcome = await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(10, 15), Customer);

        Succeeded(outcome);
        Assert.Equal(TestAgenda.TuesdayAt(10, 15), (await LoadAsync(db, booking.Id)).Start);
    }

    [Fact]
    public async Task Reschedule_OntoOccupiedSlot_ReturnsConflictAndChangesNothing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var mine = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        await BookAsync(db, agenda, TestAgenda.TuesdayAt(12), OtherCustomer);
        var before = await SnapshotAsync(db, agenda);

        var outcome = await db.Bookings.RescheduleAsync(mine.Id, TestAgenda.TuesdayAt(11, 45), Customer);   // cleanup runs to 12:20

        var conflict = Assert.IsType<BookingOutcome.Conflict>(outcome);
        Assert.Equal("slot.taken", conflict.Error.Code);
        Assert.Equal(conflict.Alternatives.OrderBy(a => a), conflict.Alternatives);
        Assert.Equal(before, await SnapshotAsync(db, agenda));
        var stored = await LoadAsync(db, mine.Id);
        Assert.Equal(TestAgenda.TuesdayAt(10), stored.Start);
        Assert.Single(stored.History);
    }

    [Fact]
    public async Task Reschedule_InsideWindow_ByCustomer_IsRefused_ButProviderMayMoveIt()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));
        db.Clock.AdvanceHours(12);

        var byCustomer = await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(16), Customer);
        var byBarber = await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(16), Barber);

        Assert.Equal("booking.cancellation_window", Assert.IsType<BookingOutcome.Rejected>(byCustomer).Error.Code);
        Succeeded(byBarber);
        Assert.Equal(TestAgenda.TuesdayAt(16), (await LoadAsync(db, booking.Id)).Start);
    }

    [Fact]
    public async Task Reschedule_ToOffGridTime_IsRejected()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booking = await BookAsync(db, agenda, TestAgenda.TuesdayAt(10));

        var outcome = await db.Bookings.RescheduleAsync(booking.Id, TestAgenda.TuesdayAt(16, 10), Customer);

        Assert.Equal("slot.outside_hours", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
        Assert.Equal(TestAgenda.TuesdayAt(10), (await LoadAsync(db, booking.Id)).Start);
    }

    // ---- helpers ----

    /// <summary>Asserts success, showing the refusal or conflict when there is one.</summary>
    private static Booking Succeeded(BookingOutcome outcome)
    {
        Assert.True(outcome is BookingOutcome.Succeeded, $"expected success, got {outcome}");
        return ((BookingOutcome.Succeeded)outcome).Booking;
    }

    private static async Task<Booking> BookAsync(SqliteTestDatabase db, TestAgenda agenda, Instant start, Actor? actor = null)
    {
        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, start), actor ?? Customer);
        return Succeeded(outcome);
    }

    private static async Task<Booking> LoadAsync(SqliteTestDatabase db, Guid id)
    {
        await using var ctx = db.NewContext();
        return await ctx.Bookings.AsNoTracking().Include(b => b.History).SingleAsync(b => b.Id == id);
    }

    private static async Task<int> CountBookingsAsync(SqliteTestDatabase db)
    {
        await using var ctx = db.NewContext();
        return await ctx.Bookings.CountAsync();
    }

    private static async Task<IReadOnlyList<Instant>> SlotsAsync(SqliteTestDatabase db, TestAgenda agenda) =>
        (await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.Tuesday))!.Starts;

    /// <summary>Row counts and the barber's calendar version: what "changes nothing" compares.</summary>
    private static async Task<(int Bookings, int History, long CalendarVersion, string Statuses)> SnapshotAsync(SqliteTestDatabase db, TestAgenda agenda)
    {
        await using var ctx = db.NewContext();
        var statuses = await ctx.Bookings.OrderBy(b => b.Id).Select(b => b.Status.ToString() + "@" + b.Start.ToString()).ToListAsync();
        return (
            await ctx.Bookings.CountAsync(),
            await ctx.BookingHistory.CountAsync(),
            await ctx.ProviderCalendars.Where(c => c.ProviderId == agenda.Barber.Id).Select(c => c.Version).SingleAsync(),
            string.Join(",", statuses));
    }
}
