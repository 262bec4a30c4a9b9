using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// /api/v1/waitlist over real Kestrel on the demo shop. Each test fills its own day and hour of a provider (a booking
/// at 10:00 fills the window "de 10 a 11" for a 30-minute Corte with 5 minutes of cleanup) with a customer of its own.
/// The app's clock is a FakeClock; the expiry test advances it.
/// </summary>
public sealed class WaitlistApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Fede = "barbero2@barberpro.local";

    private async Task<(HttpClient Rival, Guid BookingId)> FillAsync(Guid providerId, Guid serviceId, LocalDate date, int hour)
    {
        var (_, token) = await app.NewCustomerAsync("rival");
        var rival = app.Client(token);
        var booked = await rival.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(providerId, serviceId, ApiWebApp.At(date, hour), null, null));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return (rival, (await booked.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id);
    }

    private async Task<HttpClient> CustomerAsync(string name) => app.Client((await app.NewCustomerAsync(name)).Token);

    private static async Task<WaitlistEntryResponse> JoinAsync(HttpClient client, Guid providerId, Guid serviceId, LocalDate date, int hour)
    {
        var response = await client.PostAsJsonAsync("/api/v1/waitlist",
            new JoinWaitlistRequest(providerId, serviceId, date.ToString("yyyy-MM-dd", null), $"{hour}:00", $"{hour + 1}:00"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = (await response.Content.ReadFromJsonAsync<WaitlistEntryResponse>(ApiWebApp.Json))!;
        Assert.Equal($"/api/v1/waitlist/{entry.Id}", response.Headers.Location!.OriginalString);
        return entry;
    }

    private static async Task<WaitlistEntryResponse> MineAsync(HttpClient client, Guid entryId) =>
        (await client.GetFromJsonAsync<WaitlistListResponse>("/api/v1/waitlist", ApiWebApp.Json))!.Items.Single(i => i.Id == entryId);

    [Fact]
    public async Task Join_Cancel_Offer_Accept_Is201Booking_AndOtherCustomersSeeNothing()
    {
        var demo = await app.DemoAsync();
        var date = new LocalDate(2027, 1, 12);
        var (rival, bookingId) = await FillAsync(demo.Diego, demo.Corte, date, 10);
        using var customer = await CustomerAsync("espera");
        using var stranger = await CustomerAsync("extrano");

        var entry = await JoinAsync(customer, demo.Diego, demo.Corte, date, 10);
        Assert.Equal("waiting", entry.Status);
        Assert.Equal("10:00", entry.From);
        Assert.Equal("Diego", entry.ProviderName);
        Assert.Null(entry.Offer);
        Assert.Null(entry.CustomerName);

        Assert.Equal(HttpStatusCode.OK, (await rival.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/cancel", new CancelBookingRequest("No llego"))).StatusCode);

        var offered = await MineAsync(customer, entry.Id);
        Assert.Equal("offered", offered.Status);
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 10, 0, 0, TimeSpan.FromHours(-3)), offered.Offer!.Start);
        Assert.Equal(TimeSpan.FromHours(-3), offered.Offer.ExpiresAt.Offset);
        Assert.DoesNotContain((await stranger.GetFromJsonAsync<WaitlistListResponse>("/api/v1/waitlist", ApiWebApp.Json))!.Items, i => i.Id == entry.Id);
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/api/v1/waitlist/{entry.Id}/accept", null), HttpStatusCode.NotFound);
        // The held slot is nobody else's.
        await ProblemAssert.IsProblemAsync(await stranger.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(date, 10), null, null)), HttpStatusCode.Conflict, "slot.taken");

        var accepted = await customer.PostAsync($"/api/v1/waitlist/{entry.Id}/accept", null);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var booking = (await accepted.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 10, 0, 0, TimeSpan.FromHours(-3)), booking.Start);
        var booked = await MineAsync(customer, entry.Id);
        Assert.Equal("booked", booked.Status);
        Assert.Equal(booking.Id, booked.BookingId);
        await ProblemAssert.IsProblemAsync(await customer.PostAsync($"/api/v1/waitlist/{entry.Id}/accept", null), HttpStatusCode.Conflict, "waitlist.not_offered");
    }

    [Fact]
    public async Task Accept_AfterTheHoldRanOut_Is409OfferExpired()
    {
        var demo = await app.DemoAsync();
        var date = new LocalDate(2027, 1, 13);
        var (rival, bookingId) = await FillAsync(demo.Fede, demo.Corte, date, 11);
        using var customer = await CustomerAsync("lento");
        var entry = await JoinAsync(customer, demo.Fede, demo.Corte, date, 11);
        Assert.Equal(HttpStatusCode.OK, (await rival.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/cancel", new CancelBookingRequest("No llego"))).StatusCode);
        Assert.Equal("offered", (await MineAsync(customer, entry.Id)).Status);

        app.Clock.Advance(Duration.FromMinutes(15));

        await ProblemAssert.IsProblemAsync(await customer.PostAsync($"/api/v1/waitlist/{entry.Id}/accept", null), HttpStatusCode.Conflict, "waitlist.offer_expired");
        // An expired hold is no offer, and the entry reads "expired" at once, as on the pages (before the sweep marks it).
        var lapsed = await MineAsync(customer, entry.Id);
        Assert.Equal(("expired", null), (lapsed.Status, lapsed.Offer));
    }

    [Fact]
    public async Task Decline_PassesTheOfferOn_Delete_Leaves_AndWrongUsersGet404()
    {
        var demo = await app.DemoAsync();
        var date = new LocalDate(2027, 1, 14);
        var (rival, bookingId) = await FillAsync(demo.Nacho, demo.Corte, date, 12);
        using var first = await CustomerAsync("primero");
        using var second = await CustomerAsync("segundo");
        using var third = await CustomerAsync("tercero");
        var a = await JoinAsync(first, demo.Nacho, demo.Corte, date, 12);
        app.Clock.Advance(Duration.FromSeconds(1));
        var b = await JoinAsync(second, demo.Nacho, demo.Corte, date, 12);
        app.Clock.Advance(Duration.FromSeconds(1));
        var c = await JoinAsync(third, demo.Nacho, demo.Corte, date, 12);
        Assert.Equal(HttpStatusCode.OK, (await rival.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/cancel", new CancelBookingRequest("No llego"))).StatusCode);

        await ProblemAssert.IsProblemAsync(await second.PostAsync($"/api/v1/waitlist/{a.Id}/decline", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await second.DeleteAsync($"/api/v1/waitlist/{a.Id}"), HttpStatusCode.NotFound);
        var declined = await first.PostAsync($"/api/v1/waitlist/{a.Id}/decline", null);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("left", (await declined.Content.ReadFromJsonAsync<WaitlistEntryResponse>(ApiWebApp.Json))!.Status);
        Assert.Equal("offered", (await MineAsync(second, b.Id)).Status);

        var left = await third.DeleteAsync($"/api/v1/waitlist/{c.Id}");
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("left", (await MineAsync(third, c.Id)).Status);
        await ProblemAssert.IsProblemAsync(await third.DeleteAsync($"/api/v1/waitlist/{c.Id}"), HttpStatusCode.Conflict, "waitlist.not_live");
    }

    [Fact]
    public async Task Join_BadInput_IsAProblem_AndNothingIsWritten()
    {
        var demo = await app.DemoAsync();
        using var customer = await CustomerAsync("errores");

        await ProblemAssert.IsValidationAsync(await customer.PostAsJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(null, null, null)), "serviceId", "date");
        await ProblemAssert.IsValidationAsync(await customer.PostAsJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(demo.Diego, demo.Corte, "2027-01-15", "las cinco")), "from");
        await ProblemAssert.IsValidationAsync(await customer.PostAsJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(demo.Diego, demo.Corte, "2026-12-01")), "date");
        await ProblemAssert.IsValidationAsync(await customer.PostAsJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(demo.Diego, demo.Corte, "2027-01-15", "18:00", "17:00")), "from");
        await ProblemAssert.IsProblemAsync(await customer.PostAsJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(demo.Diego, Guid.NewGuid(), "2027-01-15")), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await customer.PostAsJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(demo.Diego, demo.Corte, "2027-01-15", "17:00", "20:00")),
            HttpStatusCode.Conflict, "waitlist.slot_available");
        await ProblemAssert.IsProblemAsync(await customer.PostAsync($"/api/v1/waitlist/{Guid.NewGuid()}/accept", null), HttpStatusCode.NotFound);
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/waitlist")).StatusCode);
        Assert.Empty((await customer.GetFromJsonAsync<WaitlistListResponse>("/api/v1/waitlist", ApiWebApp.Json))!.Items);
    }

    [Fact]
    public async Task StaffQueue_IsTheShopsStaffs_AndOfferByHandHoldsASlot()
    {
        var demo = await app.DemoAsync();
        var date = new LocalDate(2027, 1, 19);
        await FillAsync(demo.Diego, demo.Corte, date, 16);
        using var customer = await CustomerAsync("cola");
        var entry = await JoinAsync(customer, demo.Diego, demo.Corte, date, 16);
        using var owner = await app.ClientForAsync(Owner);
        using var fede = await app.ClientForAsync(Fede);

        var queue = (await owner.GetFromJsonAsync<WaitlistListResponse>($"/api/v1/shops/{demo.ShopId}/waitlist?date=2027-01-19", ApiWebApp.Json))!;
        var row = Assert.Single(queue.Items);
        Assert.Equal(entry.Id, row.Id);
        Assert.Equal("Cliente cola", row.CustomerName);
        Assert.Equal("waiting", row.Status);
        // Another barber sees only entries for them or for anyone; customers and other shops see nothing.
        Assert.Empty((await fede.GetFromJsonAsync<WaitlistListResponse>($"/api/v1/shops/{demo.ShopId}/waitlist?date=2027-01-19", ApiWebApp.Json))!.Items);
        await ProblemAssert.IsProblemAsync(await customer.GetAsync($"/api/v1/shops/{demo.ShopId}/waitlist?date=2027-01-19"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync($"/api/v1/shops/{Guid.NewGuid()}/waitlist?date=2027-01-19"), HttpStatusCode.NotFound);
        await ProblemAssert.IsValidationAsync(await owner.GetAsync($"/api/v1/shops/{demo.ShopId}/waitlist"), "date");

        await ProblemAssert.IsProblemAsync(await customer.PostAsJsonAsync($"/api/v1/waitlist/{entry.Id}/offer", new OfferWaitlistRequest(ApiWebApp.At(date, 18))), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fede.PostAsJsonAsync($"/api/v1/waitlist/{entry.Id}/offer", new OfferWaitlistRequest(ApiWebApp.At(date, 18))), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/v1/waitlist/{entry.Id}/offer", new OfferWaitlistRequest(ApiWebApp.At(date, 16))), HttpStatusCode.Conflict, "slot.taken");
        await ProblemAssert.IsValidationAsync(await owner.PostAsJsonAsync($"/api/v1/waitlist/{entry.Id}/offer", new OfferWaitlistRequest("mañana")), "startTime");
        var offered = await owner.PostAsJsonAsync($"/api/v1/waitlist/{entry.Id}/offer", new OfferWaitlistRequest(ApiWebApp.At(date, 18)));
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        var body = (await offered.Content.ReadFromJsonAsync<WaitlistEntryResponse>(ApiWebApp.Json))!;
        Assert.Equal("offered", body.Status);
        Assert.Equal(new DateTimeOffset(2027, 1, 19, 18, 0, 0, TimeSpan.FromHours(-3)), body.Offer!.Start);
        Assert.Equal("offered", (await MineAsync(customer, entry.Id)).Status);
    }

    [Fact]
    public async Task OpenApi_DescribesTheWaitlistEndpoints()
    {
        using var client = app.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/waitlist", "/api/v1/waitlist/{id}/accept", "/api/v1/waitlist/{id}/decline", "/api/v1/waitlist/{id}", "/api/v1/waitlist/{id}/offer", "/api/v1/shops/{shopId}/waitlist" })
            Assert.True(document.TryGetProperty(path, out _), path);
        Assert.Contains("waitlist.offer_expired", document.GetProperty("/api/v1/waitlist/{id}/accept").GetRawText());
    }
}
