using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// Issue 8: staff could attach any customer in the system to their agenda by id (POST /api/v1/bookings with
/// customerId) and then read that customer's name and phone. Staff book only their shop's customers: those who booked
/// there, and those its staff added. Shop A is the demo shop; shop B is another shop made here.
/// </summary>
public sealed class ShopCustomersApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Diego = "barbero1@barberpro.local";
    private const string Admin = "admin@barberpro.local";
    private static readonly LocalDate Tuesday = new(2027, 1, 5);
    private static readonly LocalDate Wednesday = new(2027, 1, 6);

    private IDbContextFactory<BarberProDbContext> DbFactory => app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();

    /// <summary>A customer account that booked only at a new shop B; returns their customer id and name.</summary>
    private async Task<(Guid Id, string Name)> CustomerOfAnotherShopAsync(string name)
    {
        var shop = new Shop("Otra Barbería", "otra-" + Guid.NewGuid().ToString("N")[..8]);
        var corte = new Offering(shop.Id, "Corte B", Duration.FromMinutes(30), 9000m);
        var barber = new Provider(shop.Id, "Barbero B");
        barber.SetWeeklyHours(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .Select(d => (d, new LocalTimeRange(new LocalTime(9, 0), new LocalTime(20, 0)))));
        barber.Offer(corte);
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.AddRange(shop, corte, barber);
            await db.SaveChangesAsync();
        }
        var (userId, _) = await app.NewCustomerAsync(name);
        var outcome = await app.Services.GetRequiredService<BookingService>()
            .BookAsync(new NewBooking(barber.Id, corte.Id, TestAgenda.Local(Tuesday.At(new LocalTime(10, 0)))), Actor.Customer(userId));
        var booking = Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking;
        await using var read = await DbFactory.CreateDbContextAsync();
        var customer = await read.Customers.SingleAsync(c => c.Id == booking.CustomerId);
        return (customer.Id, customer.FullName);
    }

    private async Task<HttpResponseMessage> BookForAsync(string staffEmail, Guid providerId, Guid serviceId, LocalDate date, int hour, Guid customerId)
    {
        using var staff = await app.ClientForAsync(staffEmail);
        return await staff.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(providerId, serviceId, ApiWebApp.At(date, hour), null, customerId));
    }

    [Theory]
    [InlineData(Owner, 10)]
    [InlineData(Diego, 11)]
    [InlineData(Admin, 12)]
    public async Task StaffOfShopA_BookingACustomerWhoOnlyUsedShopB_GetTheAnswerOfAnUnknownCustomer(string staff, int hour)
    {
        var demo = await app.DemoAsync();
        var (foreignId, foreignName) = await CustomerOfAnotherShopAsync("SoloB" + hour);

        var foreign = await BookForAsync(staff, demo.Diego, demo.Corte, Wednesday, hour, foreignId);
        var unknown = await BookForAsync(staff, demo.Diego, demo.Corte, Wednesday, hour, Guid.NewGuid());

        var foreignBody = await foreign.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Equal(unknown.StatusCode, foreign.StatusCode);
        var a = await ProblemAssert.IsValidationAsync(foreign, "customerId");
        var b = await ProblemAssert.IsValidationAsync(unknown, "customerId");
        Assert.Equal(b.GetProperty("code").GetString(), a.GetProperty("code").GetString());
        Assert.Equal(b.GetProperty("detail").GetString(), a.GetProperty("detail").GetString());
        Assert.DoesNotContain(foreignName, foreignBody);
        Assert.DoesNotContain("+549", foreignBody);
        await using var db = await DbFactory.CreateDbContextAsync();
        Assert.False(await db.Bookings.AnyAsync(x => x.CustomerId == foreignId && x.ShopId == demo.ShopId));
    }

    [Fact]
    public async Task StaffOfShopA_BookACustomerWhoBookedAtShopA_Is201()
    {
        var demo = await app.DemoAsync();
        var (userId, token) = await app.NewCustomerAsync("DeA");
        using (var customer = app.Client(token))
        {
            var own = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(Tuesday, 15), null, null));
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        }
        Guid customerId;
        await using (var db = await DbFactory.CreateDbContextAsync())
            customerId = await db.Customers.Where(c => c.UserId == userId).Select(c => c.Id).SingleAsync();

        var byOwner = await BookForAsync(Owner, demo.Fede, demo.Corte, Wednesday, 15, customerId);

        Assert.Equal(HttpStatusCode.Created, byOwner.StatusCode);
        Assert.Equal(customerId, (await byOwner.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Customer.Id);
    }

    [Fact]
    public async Task StaffOfShopA_BookAWalkInTheyAdded_Is201()
    {
        var demo = await app.DemoAsync();
        string diegoUserId;
        await using (var db = await DbFactory.CreateDbContextAsync())
            diegoUserId = (await db.Providers.SingleAsync(p => p.Id == demo.Diego)).UserId!;
        var directory = app.Services.GetRequiredService<BarberPro.Domain.Customers.CustomerDirectory>();
        var added = await directory.FindOrAddWalkInAsync(demo.ShopId, "Paseante Nuevo", "11 6789-0123", Actor.Provider(diegoUserId));
        Assert.True(added.Succeeded, added.Error?.ToString());

        var byDiego = await BookForAsync(Diego, demo.Diego, demo.Corte, Wednesday, 16, added.Value!.Id);

        Assert.Equal(HttpStatusCode.Created, byDiego.StatusCode);
        Assert.Equal("Paseante Nuevo", (await byDiego.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Customer.FullName);
    }
}
