using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// waitlistOffered on /hubs/bookings with a real SignalR client: the offered customer hears it, another customer
/// watching the same day's availability does not. No sleeping: the relay sends the offer before the day's
/// availabilityChanged, in one loop, so once the stranger has the availabilityChanged, an offer sent to them would
/// already have arrived.
/// </summary>
public sealed class WaitlistHubTests(ApiWebApp app) : IClassFixture<ApiWebApp>, IAsyncLifetime
{
    private readonly HubClients _hubs = new(app);

    [Fact]
    public async Task WaitlistOffered_ReachesTheOfferedCustomerOnly()
    {
        var demo = await app.DemoAsync();
        var date = new LocalDate(2027, 1, 21);
        var (_, rivalToken) = await app.NewCustomerAsync("rival");
        using var rival = app.Client(rivalToken);
        var booked = await rival.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(date, 10), null, null));
        var bookingId = (await booked.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id;
        var (_, waiterToken) = await app.NewCustomerAsync("espera");
        using var waiter = app.Client(waiterToken);
        var joined = await waiter.PostAsJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(demo.Diego, demo.Corte, "2027-01-21", "10:00", "11:00"));
        var entry = (await joined.Content.ReadFromJsonAsync<WaitlistEntryResponse>(ApiWebApp.Json))!;

        var offeredConnection = await ConnectAsync(waiterToken);
        var strangerConnection = await ConnectAsync((await app.NewCustomerAsync("otro")).Token);
        var offers = Listen(offeredConnection, "waitlistOffered");
        var overheard = Listen(strangerConnection, "waitlistOffered");
        var strangerAvailability = Listen(strangerConnection, "availabilityChanged");
        await strangerConnection.InvokeAsync("SubscribeToAvailability", demo.Diego, "2027-01-21");

        Assert.Equal(HttpStatusCode.OK, (await rival.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/cancel", new CancelBookingRequest("No llego"))).StatusCode);

        var offer = await offers.NextAsync();
        Assert.Equal(entry.Id, offer.GetProperty("entryId").GetGuid());
        Assert.Equal("2027-01-21T10:00:00-03:00", offer.GetProperty("start").GetString());
        Assert.True(offer.TryGetProperty("expiresAt", out _));
        // The cancellation's availabilityChanged comes first, then the offer's; the offer to the waiter was sent before the latter.
        while ((await strangerAvailability.NextAsync()).GetProperty("cause").GetString() != "waitlistOffered")
        {
        }
        Assert.Empty(overheard.Received);
    }

    private Task<HubConnection> ConnectAsync(string token) => _hubs.ConnectAsync(token);

    private static HubListener Listen(HubConnection connection, string eventName) => HubClients.Listen(connection, eventName);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hubs.DisposeAsync();
}
