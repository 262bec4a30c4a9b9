using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BarberPro.Tests.Domain.Customers;

/// <summary>
/// Staff book only their shop's customers (issue 8). Over a real SQLite file: Cliente Uno and Cliente Dos are the test
/// shop's customers; the extra customers have accounts but never booked there.
/// </summary>
public sealed class ShopCustomersTests
{
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Admin = Actor.Admin("admin-1");

    public static TheoryData<string> StaffRoles => new() { "barber", "owner", "admin" };

    private static Actor StaffOf(string role) => role switch { "barber" => Barber, "owner" => Owner, _ => Admin };

    [Theory]
    [MemberData(nameof(StaffRoles))]
    public async Task Staff_BookingACustomerWhoNeverBookedHere_IsRefusedExactlyLikeAnUnknownId_AndWritesNothing(string role)
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        Guid stranger;
        await using (var ctx = db.NewContext())
            stranger = await ctx.Customers.Where(c => c.UserId == TestAgenda.ExtraCustomerUserId(0)).Select(c => c.Id).SingleAsync();

        var foreign = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), null, stranger), StaffOf(role));
        var unknown = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), null, Guid.NewGuid()), StaffOf(role));

        var refused = Assert.IsType<BookingOutcome.Rejected>(foreign).Error;
        Assert.Equal(Assert.IsType<BookingOutcome.Rejected>(unknown).Error, refused);
        Assert.Equal("booking.customer_unknown", refused.Code);
        await using var check = db.NewContext();
        Assert.Equal(0, await check.Bookings.CountAsync());
    }

    [Fact]
    public async Task Staff_BookACustomerOnceTheyBookedHereThemselves()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var customer = Actor.Customer(TestAgenda.ExtraCustomerUserId(0));
        var own = Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), customer)).Booking;

        var byBarber = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11), null, own.CustomerId), Barber);

        Assert.Equal(own.CustomerId, Assert.IsType<BookingOutcome.Succeeded>(byBarber).Booking.CustomerId);
    }

    [Fact]
    public async Task Staff_WithoutACustomer_AreStillAskedForOne()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);

        var outcome = await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), Barber);

        Assert.Equal("booking.customer_required", Assert.IsType<BookingOutcome.Rejected>(outcome).Error.Code);
    }

    [Fact]
    public async Task Customer_BookingThemselves_BecomesACustomerOfTheShop_Once_SinceTheFirstBooking()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 1);
        var customer = Actor.Customer(TestAgenda.ExtraCustomerUserId(0));

        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), customer));
        db.Clock.AdvanceMinutes(5);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), customer));

        await using var ctx = db.NewContext();
        var id = await ctx.Customers.Where(c => c.UserId == TestAgenda.ExtraCustomerUserId(0)).Select(c => c.Id).SingleAsync();
        var link = await ctx.ShopCustomers.SingleAsync(l => l.CustomerId == id);
        Assert.Equal(agenda.Shop.Id, link.ShopId);
        Assert.Equal(TestAgenda.DefaultNow, link.Since);
        Assert.Equal(id, (await ShopCustomers.FindAsync(ctx, agenda.Shop.Id, id))?.Id);
        Assert.Null(await ShopCustomers.FindAsync(ctx, Guid.NewGuid(), id));
    }

    [Fact]
    public async Task Migration_MakesEveryoneWhoBookedAtAShopItsCustomer()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db, extraCustomers: 2);
        var customer = Actor.Customer(TestAgenda.ExtraCustomerUserId(0));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10)), customer));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(11)), customer));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(12), null, agenda.OtherCustomer.Id), Barber));

        await using (var ctx = db.NewContext())
        {
            var migrator = ctx.GetService<IMigrator>();
            await migrator.MigrateAsync("WalkInPhoneOptional"); // before the table existed
            await migrator.MigrateAsync();
        }

        await using var check = db.NewContext();
        var links = await check.ShopCustomers.Where(l => l.ShopId == agenda.Shop.Id).Select(l => l.CustomerId).ToListAsync();
        var booker = await check.Customers.Where(c => c.UserId == TestAgenda.ExtraCustomerUserId(0)).Select(c => c.Id).SingleAsync();
        Assert.Equal(new[] { booker, agenda.OtherCustomer.Id }.Order(), links.Order());
    }
}
