using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// GET/PUT/DELETE /api/v1/shops/{shopId}/closures over real HTTP on the demo shop (clock: Monday 2026-12-07; the demo
/// has bookings up to three weeks ahead, so these tests use January 2027).
/// </summary>
public sealed class ShopClosuresApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Customer = "cliente@barberpro.local";
    private const string Diego = "barbero1@barberpro.local";

    [Fact]
    public async Task Close_List_NoSlots_BookingRefused_ThenReopen()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        using var customer = await app.ClientForAsync(Customer);
        using var anonymous = app.Client();
        var day = new LocalDate(2027, 1, 5);
        var slots = $"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date=2027-01-05";

        var closed = await owner.PutAsJsonAsync($"/api/v1/shops/{demo.ShopId}/closures/2027-01-05", new ShopClosureRequest("Vacaciones del local"));

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(new ShopClosureResponse("2027-01-05", "Vacaciones del local"), await closed.Content.ReadFromJsonAsync<ShopClosureResponse>(ApiWebApp.Json));
        var listed = await owner.GetFromJsonAsync<List<ShopClosureResponse>>($"/api/v1/shops/{demo.ShopId}/closures", ApiWebApp.Json);
        Assert.Contains(new ShopClosureResponse("2027-01-05", "Vacaciones del local"), listed!);
        Assert.Empty((await anonymous.GetFromJsonAsync<AvailabilityResponse>(slots, ApiWebApp.Json))!.Slots);
        var booking = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(day, 10), null, null));
        var problem = await ProblemAssert.IsValidationAsync(booking, "startTime");
        Assert.Equal("slot.shop_closed", problem.GetProperty("code").GetString());

        var reopened = await owner.DeleteAsync($"/api/v1/shops/{demo.ShopId}/closures/2027-01-05");
        var again = await owner.DeleteAsync($"/api/v1/shops/{demo.ShopId}/closures/2027-01-05");

        Assert.Equal(HttpStatusCode.NoContent, reopened.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        Assert.NotEmpty((await anonymous.GetFromJsonAsync<AvailabilityResponse>(slots, ApiWebApp.Json))!.Slots);
    }

    [Fact]
    public async Task AnotherShopsOwner_ACustomer_OrABarber_Get404_AndChangeNothing()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/v1/shops/{demo.ShopId}/closures/2027-01-13", new ShopClosureRequest(null))).StatusCode);
        var clients = new[] { app.Client(await OtherOwnerTokenAsync()), await app.ClientForAsync(Customer), await app.ClientForAsync(Diego) };

        foreach (var client in clients)
        {
            using (client)
            {
                await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/shops/{demo.ShopId}/closures"), HttpStatusCode.NotFound);
                await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync($"/api/v1/shops/{demo.ShopId}/closures/2027-01-14", new ShopClosureRequest("x")), HttpStatusCode.NotFound);
                await ProblemAssert.IsProblemAsync(await client.DeleteAsync($"/api/v1/shops/{demo.ShopId}/closures/2027-01-13"), HttpStatusCode.NotFound);
            }
        }
        using var anonymous = app.Client();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/v1/shops/{demo.ShopId}/closures"), HttpStatusCode.Unauthorized);

        var listed = (await owner.GetFromJsonAsync<List<ShopClosureResponse>>($"/api/v1/shops/{demo.ShopId}/closures", ApiWebApp.Json))!;
        Assert.Contains(listed, c => c.Date == "2027-01-13");
        Assert.DoesNotContain(listed, c => c.Date == "2027-01-14");
    }

    [Fact]
    public async Task BadDate_PastDate_LongNote_AndABookedDay_Are422()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        using var customer = await app.ClientForAsync(Customer);
        var booked = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 20), 11), null, null));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var closures = $"/api/v1/shops/{demo.ShopId}/closures";

        var badDate = await owner.PutAsJsonAsync($"{closures}/25-12-2026", new ShopClosureRequest(null));
        var past = await owner.PutAsJsonAsync($"{closures}/2026-12-06", new ShopClosureRequest(null));
        var longNote = await owner.PutAsJsonAsync($"{closures}/2027-01-21", new ShopClosureRequest(new string('x', 101)));
        var bookedDay = await owner.PutAsJsonAsync($"{closures}/2027-01-20", new ShopClosureRequest("Feriado"));

        Assert.Equal("request.date_format", (await ProblemAssert.IsValidationAsync(badDate, "date")).GetProperty("code").GetString());
        Assert.Equal("shop.closure_past", (await ProblemAssert.IsValidationAsync(past, "date")).GetProperty("code").GetString());
        Assert.Equal("shop.closure_note", (await ProblemAssert.IsValidationAsync(longNote, "note")).GetProperty("code").GetString());
        Assert.Equal("shop.closure_has_bookings", (await ProblemAssert.IsValidationAsync(bookedDay, "date")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task SettingsPage_Owner_PrerendersTheClosedDaysCard_WithThisYearsHolidays()
    {
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(browser, Owner, ApiWebApp.DemoPassword)).StatusCode);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/local"));

        Assert.Contains("Días cerrados del local", html);
        Assert.Contains("Feriados nacionales 2026", html);
        Assert.Contains("data-date=\"2026-12-25\"", html);
    }

    /// <summary>An owner of another shop, with a token from the app's own issuer.</summary>
    private async Task<string> OtherOwnerTokenAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"otra-duena-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, FullName = "Otra Dueña" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Owner)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var shop = new Shop("Otra Barbería", $"otra-{Guid.NewGuid():N}"[..30]);
        shop.AssignOwner(user.Id);
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        return scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().Issue(user, [Roles.Owner]).Token;
    }
}
