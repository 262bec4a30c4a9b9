using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// Walk-ins over a real SQLite file: it is Tuesday 22:06:30 in Buenos Aires, the barber works 20:00–23:59 that day
/// and nothing is booked; the shop asks customers for 1 h notice and offers a start every 15 minutes.
/// </summary>
public sealed class WalkInTests : IAsyncLifetime
{
    private static readonly Instant At2206 = TestAgenda.TuesdayAt(22, 6) + Duration.FromSeconds(30);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private SqliteTestDatabase _db = null!;
    private TestAgenda _agenda = null!;

    public async Task InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(At2206);
        _agenda = await TestAgenda.SeedAsync(_db);
        await using var db = _db.NewContext();
        var barber = await db.Providers.Include(p => p.Overrides).SingleAsync(p => p.Id == _agenda.Barber.Id);
        barber.SetOverride(TestAgenda.Tuesday, [new LocalTimeRange(new LocalTime(20, 0), new LocalTime(23, 59))]);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<BookingOutcome> BookAsync(Instant start, Actor actor, Guid? customerId = null) =>
        _db.Bookings.BookAsync(new NewBooking(_agenda.Barber.Id, _agenda.Haircut.Id, start, null, customerId), actor);

    private async Task<Customer> WalkInAsync(string name = "Juan", string? phone = null)
    {
        var directory = new CustomerDirectory(_db.DbFactory, _db.Clock);
        var result = await directory.FindOrAddWalkInAsync(_agenda.Shop.Id, name, phone, Barber);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Value!;
    }

    [Fact]
    public async Task StaffStarts_At2206_FreeUntil2359_OfferNowFirst_ThenTheFreeGridTimesWithoutNotice()
    {
        var starts = await _db.Availability.WalkInStartsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, Barber, TestAgenda.Tuesday);

        Assert.NotNull(starts);
        Assert.Equal(TestAgenda.TuesdayAt(22, 6), starts.Now);
        Assert.Equal(
            [TestAgenda.TuesdayAt(22, 15), TestAgenda.TuesdayAt(22, 30), TestAgenda.TuesdayAt(22, 45), TestAgenda.TuesdayAt(23, 0), TestAgenda.TuesdayAt(23, 15)],
            starts.Next);
    }

    [Fact]
    public async Task StaffStarts_WithoutADate_AreToday()
    {
        var starts = await _db.Availability.WalkInStartsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, Barber);

        Assert.Equal(TestAgenda.Tuesday, starts!.Date);
        Assert.Equal(TestAgenda.TuesdayAt(22, 6), starts.Now);
    }

    [Fact]
    public async Task CustomerSlots_At2206_StillRespectTheNotice_AndACustomerCannotBookInsideIt()
    {
        var slots = await _db.Availability.GetSlotsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, TestAgenda.Tuesday);
        var customer = Actor.Customer(TestAgenda.CustomerUserId);

        Assert.Equal([TestAgenda.TuesdayAt(23, 15)], slots!.Starts);
        Assert.Equal("slot.too_soon", Assert.IsType<BookingOutcome.Rejected>(await BookAsync(TestAgenda.TuesdayAt(22, 15), customer)).Error.Code);
        Assert.IsType<BookingOutcome.Rejected>(await BookAsync(TestAgenda.TuesdayAt(22, 6), customer));
        Assert.Null(await _db.Availability.WalkInStartsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, customer, TestAgenda.Tuesday));
    }

    [Fact]
    public async Task Staff_BooksNow_OffTheGrid()
    {
        var walkIn = await WalkInAsync();

        var outcome = await BookAsync(TestAgenda.TuesdayAt(22, 6), Barber, walkIn.Id);

        var booking = Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking;
        Assert.Equal(TestAgenda.TuesdayAt(22, 6), booking.Start);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        var after = await _db.Availability.WalkInStartsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, Barber, TestAgenda.Tuesday);
        Assert.Null(after!.Now);                                    // the barber is busy now
        Assert.Equal(TestAgenda.TuesdayAt(22, 45), after.Next[0]); // 22:06 + 30' + 5' cleanup
    }

    [Fact]
    public async Task Staff_NowChosenAMinuteAgo_StillBooks_ButNotTwoMinutesLate()
    {
        var walkIn = await WalkInAsync();

        _db.Clock.Reset(TestAgenda.TuesdayAt(22, 8) + Duration.FromSeconds(10)); // the dialog showed "Ahora" as 22:06 two minutes ago
        Assert.Equal("slot.in_past", Assert.IsType<BookingOutcome.Rejected>(await BookAsync(TestAgenda.TuesdayAt(22, 6), Barber, walkIn.Id)).Error.Code);
        _db.Clock.Reset(TestAgenda.TuesdayAt(22, 7) + Duration.FromSeconds(10)); // the minute ticked over while saving
        Assert.IsType<BookingOutcome.Succeeded>(await BookAsync(TestAgenda.TuesdayAt(22, 6), Barber, walkIn.Id));
    }

    [Fact]
    public async Task Staff_CannotBookAnyOtherMinuteOffTheGrid()
    {
        var walkIn = await WalkInAsync();

        var outcome = await BookAsync(TestAgenda.TuesdayAt(22, 37), Barber, walkIn.Id);

        Assert.Equal("slot.outside_hours", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
    }

    [Fact]
    public async Task Staff_Now_WhenTheServiceWouldRunIntoABooking_IsNotOffered_AndIsRefused()
    {
        var walkIn = await WalkInAsync();
        Assert.IsType<BookingOutcome.Succeeded>(await BookAsync(TestAgenda.TuesdayAt(22, 30), Barber, _agenda.Customer.Id));

        var starts = await _db.Availability.WalkInStartsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, Barber, TestAgenda.Tuesday);

        Assert.Null(starts!.Now);
        Assert.IsType<BookingOutcome.Conflict>(await BookAsync(TestAgenda.TuesdayAt(22, 6), Barber, walkIn.Id));
    }

    [Fact]
    public async Task Staff_Now_AfterHours_IsNotOffered()
    {
        _db.Clock.Reset(TestAgenda.TuesdayAt(23, 40)); // a 30-minute haircut no longer fits before 23:59

        var starts = await _db.Availability.WalkInStartsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, Barber, TestAgenda.Tuesday);

        Assert.Null(starts!.Now);
        Assert.Empty(starts.Next);
    }

    [Fact]
    public async Task StaffStarts_OfAnotherBarbersAgenda_AreNotFound()
    {
        var other = Actor.Provider(TestAgenda.OtherBarberUserId);

        Assert.Null(await _db.Availability.WalkInStartsAsync(_agenda.Barber.Id, _agenda.Haircut.Id, other, TestAgenda.Tuesday));
    }

    [Fact]
    public async Task WalkIn_WithAFirstNameOnly_IsAddedWithoutPhone_AndBooks()
    {
        var walkIn = await WalkInAsync("Juan", phone: "  ");

        var outcome = await BookAsync(TestAgenda.TuesdayAt(22, 6), Barber, walkIn.Id);

        Assert.IsType<BookingOutcome.Succeeded>(outcome);
        await using var db = _db.NewContext();
        var stored = await db.Customers.SingleAsync(c => c.Id == walkIn.Id);
        Assert.Equal("Juan", stored.FullName);
        Assert.Null(stored.Phone);
    }

    [Fact]
    public async Task WalkIn_WithAPhone_IsFoundByIt()
    {
        var walkIn = await WalkInAsync("Cualquiera", "11 2345-6789");

        Assert.Equal(_agenda.Customer.Id, walkIn.Id);
    }

    [Fact]
    public async Task WalkIn_WithThePhoneOfSomeoneWhoIsNotTheShopsCustomer_IsANewCustomer_WithTheNameTyped()
    {
        await using (var seed = _db.NewContext())
        {
            seed.Customers.Add(new Customer("Cliente De Otro Local", "11 4999-8888"));
            await seed.SaveChangesAsync();
        }

        var walkIn = await WalkInAsync("Juan", "11 4999-8888");

        Assert.Equal("Juan", walkIn.FullName);
        Assert.Equal("+5491149998888", walkIn.Phone);
        await using var db = _db.NewContext();
        Assert.NotNull(await ShopCustomers.FindAsync(db, _agenda.Shop.Id, walkIn.Id));
        Assert.Equal(walkIn.Id, (await WalkInAsync("Otro nombre", "11 4999-8888")).Id); // now the shop's own
    }

    [Fact]
    public async Task WalkIn_IsACustomerOfTheShop_AndStaffOfAnotherShopCannotAddOne()
    {
        var walkIn = await WalkInAsync("Juan");
        var directory = new CustomerDirectory(_db.DbFactory, _db.Clock);

        var byOtherOwner = await directory.FindOrAddWalkInAsync(_agenda.Shop.Id, "Intruso", null, Actor.Owner("owner-2"));
        var byUnknownShop = await directory.FindOrAddWalkInAsync(Guid.NewGuid(), "Intruso", null, Actor.Admin("admin-1"));

        await using var db = _db.NewContext();
        Assert.NotNull(await ShopCustomers.FindAsync(db, _agenda.Shop.Id, walkIn.Id));
        Assert.True(byOtherOwner.IsNotFound);
        Assert.True(byUnknownShop.IsNotFound);
        Assert.False(await db.Customers.AnyAsync(c => c.FullName == "Intruso"));
    }

    [Theory]
    [InlineData("", null, "customer.walk_in_name")]
    [InlineData("J", null, "customer.walk_in_name")]
    [InlineData("Juan", "1234", "phone.invalid")]
    public async Task WalkIn_WithoutAName_OrWithAWrongPhone_IsRefused(string name, string? phone, string code)
    {
        var result = await new CustomerDirectory(_db.DbFactory, _db.Clock).FindOrAddWalkInAsync(_agenda.Shop.Id, name, phone, Barber);

        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public async Task WalkIn_ByACustomer_IsNotFound()
    {
        var result = await new CustomerDirectory(_db.DbFactory, _db.Clock).FindOrAddWalkInAsync(_agenda.Shop.Id, "Juan", null, Actor.Customer(TestAgenda.CustomerUserId));

        Assert.True(result.IsNotFound);
    }
}
