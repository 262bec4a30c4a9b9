using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// /api/v1/shops/{shopId}/sessions and /api/v1/sessions over HTTP on the demo shop, with a group service ("Clase de
/// barbería", up to 5 people) that Diego offers. Each test opens its sessions on its own date.
/// </summary>
public sealed class SessionsApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>, IAsyncLifetime
{
    private const string Customer = "cliente@barberpro.local";
    private const string Owner = "owner@barberpro.local";
    private const string Diego = "barbero1@barberpro.local";
    private const string Fede = "barbero2@barberpro.local";

    private readonly HubClients _hubs = new(app);
    private static readonly SemaphoreSlim ClassGate = new(1, 1);

    /// <summary>The group service, made once per app.</summary>
    private async Task<Guid> ClassAsync()
    {
        await ClassGate.WaitAsync();
        try
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
            var demo = await app.DemoAsync();
            var existing = await db.Offerings.Where(o => o.ShopId == demo.ShopId && o.Name == "Clase de barbería").Select(o => o.Id).ToListAsync();
            if (existing.Count > 0)
                return existing[0];
            var offering = new Offering(demo.ShopId, "Clase de barbería", Duration.FromHours(2), 15000m, capacity: 5);
            db.Offerings.Add(offering);
            var diego = await db.Providers.Include(p => p.Offerings).SingleAsync(p => p.Id == demo.Diego);
            diego.Offer(offering);
            await db.SaveChangesAsync();
            return offering.Id;
        }
        finally
        {
            ClassGate.Release();
        }
    }

    private async Task<SessionResponse> OpenAsync(LocalDate date, int hour, int? capacity = null)
    {
        var demo = await app.DemoAsync();
        using var diego = await app.ClientForAsync(Diego);
        var response = await diego.PostAsJsonAsync("/api/v1/sessions", new OpenSessionRequest(demo.Diego, await ClassAsync(), ApiWebApp.At(date, hour), capacity));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OpenedSessionsResponse>(ApiWebApp.Json))!.Items.Single();
    }

    [Fact]
    public async Task Open_AsTheBarber_Is201_AndTheSessionIsListedAnonymously()
    {
        var demo = await app.DemoAsync();
        using var diego = await app.ClientForAsync(Diego);
        var response = await diego.PostAsJsonAsync("/api/v1/sessions", new OpenSessionRequest(demo.Diego, await ClassAsync(), ApiWebApp.At(new LocalDate(2027, 1, 12), 15), 4));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = (await response.Content.ReadFromJsonAsync<OpenedSessionsResponse>(ApiWebApp.Json))!.Items.Single();
        Assert.Equal($"/api/v1/sessions/{session.Id}", response.Headers.Location!.OriginalString);
        using var anonymous = app.Client();
        var raw = await anonymous.GetStringAsync($"/api/v1/shops/{demo.ShopId}/sessions?from=2027-01-12&to=2027-01-12");
        Assert.Contains("\"start\":\"2027-01-12T15:00:00-03:00\"", raw);
        Assert.Contains("\"end\":\"2027-01-12T17:00:00-03:00\"", raw);
        var list = JsonSerializer.Deserialize<SessionListResponse>(raw, ApiWebApp.Json)!;
        var item = Assert.Single(list.Items);
        Assert.Equal((session.Id, demo.Diego, 4, 4), (item.Id, item.ProviderId, item.Capacity, item.PlacesLeft));
    }

    [Fact]
    public async Task Open_BadInput_IsAProblem_AndOpensNothing()
    {
        var demo = await app.DemoAsync();
        var classId = await ClassAsync();
        using var diego = await app.ClientForAsync(Diego);

        await ProblemAssert.IsValidationAsync(await diego.PostAsJsonAsync("/api/v1/sessions", new OpenSessionRequest(null, null, "mañana", null)),
            "providerId", "serviceId", "startTime");
        await ProblemAssert.IsValidationAsync(await diego.PostAsJsonAsync("/api/v1/sessions", new OpenSessionRequest(demo.Diego, classId, ApiWebApp.At(new LocalDate(2027, 1, 13), 15), 9)), "capacity");
        await ProblemAssert.IsProblemAsync(await diego.PostAsJsonAsync("/api/v1/sessions", new OpenSessionRequest(demo.Diego, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 13), 15), null)),
            HttpStatusCode.UnprocessableEntity, "session.not_group");
        await ProblemAssert.IsProblemAsync(await diego.PostAsJsonAsync("/api/v1/sessions", new OpenSessionRequest(demo.Diego, classId, ApiWebApp.At(new LocalDate(2027, 1, 13), 21), null)),
            HttpStatusCode.UnprocessableEntity, "slot.outside_hours");
        using var raw = new StringContent("{\"providerId\":", System.Text.Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await diego.PostAsync("/api/v1/sessions", raw), HttpStatusCode.BadRequest);
        using var anonymous = app.Client();
        Assert.Empty((await anonymous.GetFromJsonAsync<SessionListResponse>($"/api/v1/shops/{demo.ShopId}/sessions?from=2027-01-13&to=2027-01-13", ApiWebApp.Json))!.Items);
    }

    [Fact]
    public async Task Open_ByAnotherBarber_Is404_ByACustomer_Is404_Anonymous_Is401()
    {
        var demo = await app.DemoAsync();
        var request = new OpenSessionRequest(demo.Diego, await ClassAsync(), ApiWebApp.At(new LocalDate(2027, 1, 14), 15), null);
        using var fede = await app.ClientForAsync(Fede);
        using var customer = await app.ClientForAsync(Customer);
        using var anonymous = app.Client();

        await ProblemAssert.IsProblemAsync(await fede.PostAsJsonAsync("/api/v1/sessions", request), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await customer.PostAsJsonAsync("/api/v1/sessions", request), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/sessions", request)).StatusCode);
    }

    [Fact]
    public async Task OpenWeekly_WithAClash_Is409_ListingIt_AndOpensNone()
    {
        var demo = await app.DemoAsync();
        using var customer = await app.ClientForAsync(Customer);
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 23), 16), null, null))).StatusCode);
        using var diego = await app.ClientForAsync(Diego);

        var classId = await ClassAsync();
        var response = await diego.PostAsJsonAsync("/api/v1/sessions",
            new OpenSessionRequest(demo.Diego, classId, ApiWebApp.At(new LocalDate(2027, 1, 9), 15), null, 3));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "session.time_taken");
        var clash = Assert.Single(problem.GetProperty("clashes").EnumerateArray());
        Assert.Equal("2027-01-23T15:00:00-03:00", clash.GetProperty("start").GetString());
        using var anonymous = app.Client();
        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<SessionListResponse>($"/api/v1/shops/{demo.ShopId}/sessions?from=2027-01-09&to=2027-01-23", ApiWebApp.Json))!.Items,
            s => s.ServiceId == classId && s.Start.DayOfWeek == DayOfWeek.Saturday);
    }

    [Fact]
    public async Task Join_Is201_AgainIs409_WhenFullIs409_LeaveIs200()
    {
        var session = await OpenAsync(new LocalDate(2027, 1, 19), 15, capacity: 2);
        var (_, first) = await app.NewCustomerAsync("uno");
        var (_, second) = await app.NewCustomerAsync("dos");
        var (_, third) = await app.NewCustomerAsync("tres");
        using var a = app.Client(first);
        using var b = app.Client(second);
        using var c = app.Client(third);

        var joined = await a.PostAsync($"/api/v1/sessions/{session.Id}/join", null);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        var seat = (await joined.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal((session.Id, session.Start), (seat.SessionId, seat.Start));
        await ProblemAssert.IsProblemAsync(await a.PostAsync($"/api/v1/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session.already_joined");
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsync($"/api/v1/sessions/{session.Id}/join", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await c.PostAsync($"/api/v1/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session.full");

        var left = await a.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/leave", new CancelSessionRequest("No llego"));
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Contains("\"status\":\"cancelled\"", await left.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(await a.PostAsync($"/api/v1/sessions/{session.Id}/leave", null), HttpStatusCode.Conflict, "session.not_joined");
        Assert.Equal(HttpStatusCode.Created, (await c.PostAsync($"/api/v1/sessions/{session.Id}/join", null)).StatusCode);
        Assert.Equal(0, (await c.GetFromJsonAsync<SessionResponse>($"/api/v1/sessions/{session.Id}", ApiWebApp.Json))!.PlacesLeft);
    }

    [Fact]
    public async Task Join_UnknownSession_Is404_AsStaff_Is422_Anonymous_Is401()
    {
        var session = await OpenAsync(new LocalDate(2027, 1, 20), 15);
        using var customer = await app.ClientForAsync(Customer);
        using var diego = await app.ClientForAsync(Diego);
        using var anonymous = app.Client();

        await ProblemAssert.IsProblemAsync(await customer.PostAsync($"/api/v1/sessions/{Guid.NewGuid()}/join", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await diego.PostAsync($"/api/v1/sessions/{session.Id}/join", null), HttpStatusCode.UnprocessableEntity, "session.customers_only");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/sessions/{session.Id}/join", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/v1/shops/{Guid.NewGuid()}/sessions"), HttpStatusCode.NotFound);
        await ProblemAssert.IsValidationAsync(await anonymous.GetAsync($"/api/v1/shops/{session.ShopId}/sessions?from=ayer"), "from");
        await ProblemAssert.IsValidationAsync(await anonymous.GetAsync($"/api/v1/shops/{session.ShopId}/sessions?from=2027-02-01&to=2027-06-01"), "to");
    }

    [Fact]
    public async Task Participants_ForTheBarberAndOwner_WithPhones_OthersGet404()
    {
        var session = await OpenAsync(new LocalDate(2027, 1, 21), 15);
        using var customer = await app.ClientForAsync(Customer);
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsync($"/api/v1/sessions/{session.Id}/join", null)).StatusCode);

        foreach (var staff in new[] { Diego, Owner })
        {
            using var client = await app.ClientForAsync(staff);
            var roster = (await client.GetFromJsonAsync<ParticipantsResponse>($"/api/v1/sessions/{session.Id}/participants", ApiWebApp.Json))!;
            var participant = Assert.Single(roster.Items);
            Assert.Equal("Cliente Demo", participant.Name);
            Assert.False(string.IsNullOrEmpty(participant.Phone));
        }
        foreach (var stranger in new[] { Fede, Customer })
        {
            using var client = await app.ClientForAsync(stranger);
            await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/sessions/{session.Id}/participants"), HttpStatusCode.NotFound);
        }
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/sessions/{session.Id}/participants")).StatusCode);
    }

    [Fact]
    public async Task Capacity_NeverBelowParticipants_AndCancel_CancelsTheSeats()
    {
        var session = await OpenAsync(new LocalDate(2027, 1, 26), 15);
        var (_, first) = await app.NewCustomerAsync("cap1");
        var (_, second) = await app.NewCustomerAsync("cap2");
        using var a = app.Client(first);
        using var b = app.Client(second);
        var seat = (await (await a.PostAsync($"/api/v1/sessions/{session.Id}/join", null)).Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsync($"/api/v1/sessions/{session.Id}/join", null)).StatusCode);
        using var owner = await app.ClientForAsync(Owner);
        using var fede = await app.ClientForAsync(Fede);

        await ProblemAssert.IsValidationAsync(await owner.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}", new ChangeCapacityRequest(null)), "capacity");
        await ProblemAssert.IsProblemAsync(await owner.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}", new ChangeCapacityRequest(1)), HttpStatusCode.UnprocessableEntity, "session.capacity");
        await ProblemAssert.IsProblemAsync(await fede.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}", new ChangeCapacityRequest(3)), HttpStatusCode.NotFound);
        var changed = await owner.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}", new ChangeCapacityRequest(2));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal((2, 0), ((await changed.Content.ReadFromJsonAsync<SessionResponse>(ApiWebApp.Json))!.Capacity, 0));
        using var diego = await app.ClientForAsync(Diego);
        Assert.Equal(HttpStatusCode.OK, (await diego.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/cancel", new CancelSessionRequest("Me enfermé"))).StatusCode);

        var after = (await a.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{seat.Id}", ApiWebApp.Json))!;
        Assert.Equal(BarberPro.Domain.Bookings.BookingStatus.Cancelled, after.Status);
        await ProblemAssert.IsProblemAsync(await diego.PostAsync($"/api/v1/sessions/{session.Id}/cancel", null), HttpStatusCode.Conflict, "session.cancelled");
        await ProblemAssert.IsProblemAsync(await owner.PatchAsJsonAsync($"/api/v1/sessions/{session.Id}", new ChangeCapacityRequest(2)), HttpStatusCode.Conflict, "session.cancelled");
    }

    [Fact]
    public async Task AnIndividualBooking_OverASession_Is409()
    {
        var demo = await app.DemoAsync();
        await OpenAsync(new LocalDate(2027, 1, 27), 15);
        using var customer = await app.ClientForAsync(Customer);
        var response = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 27), 16), null, null));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "slot.taken");
    }

    [Fact]
    public async Task Hub_SessionSeatsChanged_ReachesTheShopsWatchers_AndTheAgenda_WhenSomeoneJoins()
    {
        var session = await OpenAsync(new LocalDate(2027, 1, 28), 15, capacity: 3);
        var anonymous = await ConnectAsync(null);
        var shopSeats = Listen(anonymous, "sessionSeatsChanged");
        await anonymous.InvokeAsync("SubscribeToShopSessions", session.ShopId);
        var diego = await ConnectAsync(await app.TokenAsync(Diego));
        var agendaSeats = Listen(diego, "sessionSeatsChanged");
        var seatBooked = Listen(diego, "bookingCreated");
        await diego.InvokeAsync("SubscribeToAgenda", session.ProviderId);
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("SubscribeToShopSessions", Guid.NewGuid()));

        using var customer = await app.ClientForAsync(Customer);
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsync($"/api/v1/sessions/{session.Id}/join", null)).StatusCode);

        foreach (var listener in new[] { shopSeats, agendaSeats })
        {
            // The session's opening may be heard first (its row is published after the POST answered); wait for the join.
            var payload = await listener.NextAsync(p => p.GetProperty("participants").GetInt32() == 1);
            Assert.Equal(session.Id, payload.GetProperty("sessionId").GetGuid());
            Assert.Equal(2, payload.GetProperty("placesLeft").GetInt32());
            Assert.Equal(1, payload.GetProperty("participants").GetInt32());
            Assert.Equal("2027-01-28T15:00:00-03:00", payload.GetProperty("start").GetString());
            Assert.False(payload.TryGetProperty("customer", out _));
        }
        // The seat's own bookingCreated says which session it is a seat in.
        var seat = await seatBooked.NextAsync(p => true);
        Assert.Equal(session.Id, seat.GetProperty("sessionId").GetGuid());
    }

    [Fact]
    public async Task OpenApi_DescribesTheSessionEndpoints_WithExamples()
    {
        using var client = app.Client();
        var document = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/shops/{shopId}/sessions", "/api/v1/sessions", "/api/v1/sessions/{id}/join", "/api/v1/sessions/{id}/leave", "/api/v1/sessions/{id}/participants" })
            Assert.Contains($"\"{path}\"", document);
        Assert.Contains("session.full", document);
        Assert.Contains("placesLeft", document);
    }

    private Task<HubConnection> ConnectAsync(string? token) => _hubs.ConnectAsync(token);

    private static HubListener Listen(HubConnection connection, string eventName) => HubClients.Listen(connection, eventName);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hubs.DisposeAsync();
}
