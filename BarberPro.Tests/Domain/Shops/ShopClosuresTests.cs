using Microsoft.Extensions.DependencyInjection;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Shops;

/// <summary>
/// Shop-wide closed days over a real SQLite file: <see cref="ShopSettingsService"/> writes them, and every way of
/// reading or writing an agenda (slots, "cualquiera", bookings, moves) honours them. The clock is Monday 2026-12-07
/// 09:00; both barbers work Tuesday to Saturday 09–13 and 14–20.
/// </summary>
public sealed class ShopClosuresTests
{
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Customer = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private static readonly LocalDate Tuesday = TestAgenda.Tuesday;
    private static readonly LocalDate Sunday = new(2026, 12, 13);

    [Fact]
    public async Task CloseOn_ByOwner_LeavesNoSlotForAnyBarber_NorForCualquiera()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var result = await Service(db).CloseOnAsync(agenda.Shop.Id, Tuesday, "Inmaculada Concepción", Owner);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Empty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, Tuesday))!.Starts);
        Assert.Empty((await db.Availability.GetSlotsAsync(agenda.OtherBarber.Id, agenda.Haircut.Id, Tuesday))!.Starts);
        Assert.Empty(await db.Availability.GetAnySlotsAsync(agenda.Shop.Id, agenda.Haircut.Id, Tuesday));
        Assert.DoesNotContain(Tuesday, await db.Availability.GetAnyAvailableDaysAsync(agenda.Shop.Id, agenda.Haircut.Id, new YearMonth(2026, 12)));
        Assert.NotEmpty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, Tuesday.PlusDays(1)))!.Starts);
    }

    [Fact]
    public async Task CloseOn_BeatsABarbersSpecialDate()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var schedule = db.Services.GetRequiredService<ScheduleService>();
        Assert.True((await schedule.SetOverrideAsync(agenda.Barber.Id, Sunday, [new(new LocalTime(20, 0), new LocalTime(23, 59))], null, Owner)).Succeeded);
        Assert.NotEmpty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, Sunday))!.Starts);

        await Service(db).CloseOnAsync(agenda.Shop.Id, Sunday, null, Owner);

        Assert.Empty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, Sunday))!.Starts);
    }

    [Fact]
    public async Task Book_OnAClosedDay_IsRefusedWithShopClosed_ForCustomersStaffAndCualquiera()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        await Service(db).CloseOnAsync(agenda.Shop.Id, Tuesday, null, Owner);

        var byCustomer = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), null), Customer);
        var walkIn = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11), null, agenda.Customer.Id), Barber);
        var any = await db.Bookings.BookAnyAsync(agenda.Shop.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), null, Customer);

        Assert.Equal("slot.shop_closed", Assert.IsType<BookingOutcome.Rejected>(byCustomer).Error.Code);
        Assert.Equal("slot.shop_closed", Assert.IsType<BookingOutcome.Rejected>(walkIn).Error.Code);
        Assert.Equal("slot.shop_closed", Assert.IsType<BookingOutcome.Rejected>(any).Error.Code);
        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.Bookings.CountAsync());
    }

    [Fact]
    public async Task Reschedule_ToAClosedDay_IsRefused()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var booked = Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(
            new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), null), Customer)).Booking;
        var friday = Tuesday.PlusDays(3);
        await Service(db).CloseOnAsync(agenda.Shop.Id, friday, null, Owner);

        var moved = await db.Bookings.RescheduleAsync(booked.Id, TestAgenda.Local(friday.At(new LocalTime(10, 0))), Customer);

        Assert.Equal("slot.shop_closed", Assert.IsType<BookingOutcome.Rejected>(moved).Error.Code);
    }

    [Fact]
    public async Task Reopen_GivesTheBarbersTheirHoursBack()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var service = Service(db);
        await service.CloseOnAsync(agenda.Shop.Id, Tuesday, null, Owner);

        var reopened = await service.ReopenAsync(agenda.Shop.Id, Tuesday, Owner);
        var again = await service.ReopenAsync(agenda.Shop.Id, Tuesday, Owner);

        Assert.True(reopened.Succeeded);
        Assert.Equal("shop.closure_missing", again.Error?.Code);
        Assert.NotEmpty((await db.Availability.GetSlotsAsync(agenda.Barber.Id, agenda.Haircut.Id, Tuesday))!.Starts);
    }

    [Fact]
    public async Task CloseOn_SameDateTwice_KeepsOneRow_WithTheNewNote()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var service = Service(db);

        await service.CloseOnAsync(agenda.Shop.Id, Tuesday, "Feriado", Owner);
        await service.CloseOnAsync(agenda.Shop.Id, Tuesday, "  Inmaculada Concepción  ", Owner);

        var upcoming = (await service.UpcomingClosuresAsync(agenda.Shop.Id, Owner)).Value!;
        Assert.Equal(new LocalDate(2026, 12, 7), upcoming.Today);
        var closure = Assert.Single(upcoming.Closures);
        Assert.Equal((Tuesday, "Inmaculada Concepción"), (closure.Date, closure.Note));
    }

    [Fact]
    public async Task CloseOn_PastDate_LongNote_OrBookingsThatDay_AreRefused()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var service = Service(db);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), null), Customer));

        var past = await service.CloseOnAsync(agenda.Shop.Id, new LocalDate(2026, 12, 6), null, Owner);
        var longNote = await service.CloseOnAsync(agenda.Shop.Id, Tuesday.PlusDays(1), new string('x', 101), Owner);
        var booked = await service.CloseOnAsync(agenda.Shop.Id, Tuesday, null, Owner);

        Assert.Equal("shop.closure_past", past.Error?.Code);
        Assert.Equal("shop.closure_note", longNote.Error?.Code);
        Assert.Equal("shop.closure_has_bookings", booked.Error?.Code);
        Assert.Equal("Hay un turno ese día. Movelo o cancelalo antes de cerrar el local.", booked.Error?.Message);
        Assert.Empty((await service.UpcomingClosuresAsync(agenda.Shop.Id, Owner)).Value!.Closures);
    }

    [Theory]
    [InlineData("someone-else", ActorRole.Owner)]
    [InlineData(TestAgenda.BarberUserId, ActorRole.Provider)]
    [InlineData(TestAgenda.CustomerUserId, ActorRole.Customer)]
    public async Task OnlyWhoRunsTheShop_MayCloseOrReopenOrList(string userId, ActorRole role)
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var service = Service(db);
        await service.CloseOnAsync(agenda.Shop.Id, Tuesday.PlusDays(1), null, Owner);
        var stranger = new Actor(userId, role);

        Assert.True((await service.CloseOnAsync(agenda.Shop.Id, Tuesday, null, stranger)).IsNotFound);
        Assert.True((await service.ReopenAsync(agenda.Shop.Id, Tuesday.PlusDays(1), stranger)).IsNotFound);
        Assert.True((await service.UpcomingClosuresAsync(agenda.Shop.Id, stranger)).IsNotFound);
        Assert.True((await service.CloseOnAsync(agenda.Shop.Id, Tuesday, null, Actor.Admin("admin-1"))).Succeeded);
        Assert.Equal(2, (await service.UpcomingClosuresAsync(agenda.Shop.Id, Owner)).Value!.Closures.Count);
    }

    [Fact]
    public async Task CloseOn_PublishesAvailabilityChanged_ForEachBarber_OnThatDate_AndBumpsTheirCalendars()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var changes = new List<BookingChange>();
        using var subscription = db.Events.Subscribe(c =>
        {
            lock (changes)
                changes.Add(c);
            return Task.CompletedTask;
        });

        await Service(db).CloseOnAsync(agenda.Shop.Id, Tuesday, null, Owner);
        await db.Outbox.DispatchPendingAsync();

        Assert.Equal(new[] { agenda.Barber.Id, agenda.OtherBarber.Id }.Order(), changes.Select(c => c.ProviderId).Order());
        Assert.All(changes, c =>
        {
            Assert.Equal(BookingChangeKind.AvailabilityChanged, c.Kind);
            Assert.Equal(agenda.Shop.Id, c.ShopId);
            Assert.Equal([Tuesday], c.Dates);
        });
        await using var ctx = db.NewContext();
        Assert.All(await ctx.ProviderCalendars.ToListAsync(), c => Assert.Equal(1, c.Version));
    }

    [Fact]
    public void Shop_CloseOn_ChecksItsInvariants()
    {
        var shop = new Shop("Test", "test");
        var today = new LocalDate(2026, 12, 7);

        Assert.Equal("shop.closure_past", Assert.Throws<DomainException>(() => shop.CloseOn(today.PlusDays(-1), null, today)).Error.Code);
        Assert.Equal("shop.closure_too_far", Assert.Throws<DomainException>(() => shop.CloseOn(today.PlusYears(4), null, today)).Error.Code);
        Assert.Null(shop.CloseOn(today, "   ", today).Note);
        Assert.Equal("shop.closure_missing", Assert.Throws<DomainException>(() => shop.Reopen(today.PlusDays(1))).Error.Code);
        Assert.Equal(today, shop.Reopen(today).Date);
        Assert.Empty(shop.Closures);
    }

    private static ShopSettingsService Service(SqliteTestDatabase db) => db.Services.GetRequiredService<ShopSettingsService>();
}
