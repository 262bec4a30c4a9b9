using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// /hubs/bookings with a real .NET SignalR client over WebSockets: who may watch an agenda, that a booking made over
/// HTTP reaches the agenda's watchers within a second, and that nobody else hears of it.
/// </summary>
public sealed class BookingsHubTests(ApiWebApp app, ITestOutputHelper output) : IClassFixture<ApiWebApp>, IAsyncLifetime
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);
    private readonly List<HubConnection> _connections = [];

    [Fact]
    public async Task Provider_WatchingTheirAgenda_GetsBookingCreated_WithinASecondOfAnHttpBooking()
    {
        var demo = await app.DemoAsync();
        var diego = await ConnectAsync(await app.TokenAsync("barbero1@barberpro.local"));
        var created = Listen(diego, "bookingCreated");
        await diego.InvokeAsync("SubscribeToAgenda", demo.Diego);
        using var customer = await app.ClientForAsync("cliente@barberpro.local");

        var sent = Stopwatch.GetTimestamp();
        var response = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 20), 10), null, null));
        var answered = Stopwatch.GetElapsedTime(sent);
        var received = await created.NextAsync();
        var latency = Stopwatch.GetElapsedTime(sent, received.At);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        output.WriteLine($"HTTP 201 after {answered.TotalMilliseconds:0.0} ms; bookingCreated received {latency.TotalMilliseconds:0.0} ms after the POST was sent.");
        Assert.True(latency < WithinASecond, $"bookingCreated took {latency.TotalMilliseconds} ms");
        var payload = received.Payload;
        Assert.Equal(booking.Id, payload.GetProperty("bookingId").GetGuid());
        Assert.Equal(demo.Diego, payload.GetProperty("providerId").GetGuid());
        Assert.Equal("pending", payload.GetProperty("status").GetString());
        Assert.Equal("2027-01-20T10:00:00-03:00", payload.GetProperty("start").GetString());
        Assert.Equal("2027-01-20T10:30:00-03:00", payload.GetProperty("end").GetString());
        Assert.Equal(["2027-01-20"], payload.GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
        Assert.False(payload.TryGetProperty("customer", out _));
    }

    [Fact]
    public async Task OtherProvider_Customer_AndAnonymous_CannotWatchTheAgenda_AndHearNothing()
    {
        var demo = await app.DemoAsync();
        var diego = await ConnectAsync(await app.TokenAsync("barbero1@barberpro.local"));
        var fede = await ConnectAsync(await app.TokenAsync("barbero2@barberpro.local"));
        var customer = await ConnectAsync(await app.TokenAsync("cliente@barberpro.local"));
        var anonymous = await ConnectAsync(null);
        var control = Listen(diego, "bookingCreated");
        var overheard = new[] { Listen(fede, "bookingCreated"), Listen(customer, "bookingCreated"), Listen(anonymous, "bookingCreated") };
        await diego.InvokeAsync("SubscribeToAgenda", demo.Diego);

        var refusals = new List<HubException>();
        foreach (var stranger in new[] { fede, customer, anonymous })
            refusals.Add(await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync("SubscribeToAgenda", demo.Diego)));
        await fede.InvokeAsync("SubscribeToAgenda", demo.Fede);
        using var http = await app.ClientForAsync("cliente@barberpro.local");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 20), 11), null, null))).StatusCode);

        await control.NextAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.All(overheard, listener => Assert.Empty(listener.Received));
        Assert.Contains("No encontramos esa agenda", refusals[0].Message);
        Assert.Contains("Iniciá sesión", refusals[2].Message);
    }

    [Theory]
    [InlineData("owner@barberpro.local")]
    [InlineData("admin@barberpro.local")]
    public async Task OwnerAndAdmin_MayWatchAProvidersAgenda(string email)
    {
        var demo = await app.DemoAsync();
        var connection = await ConnectAsync(await app.TokenAsync(email));

        await connection.InvokeAsync("SubscribeToAgenda", demo.Nacho);
    }

    [Fact]
    public async Task TokenInTheQueryString_WorksForWebSockets()
    {
        var demo = await app.DemoAsync();
        var token = await app.TokenAsync("barbero3@barberpro.local");
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, $"/hubs/bookings?access_token={Uri.EscapeDataString(token)}"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        _connections.Add(connection);
        await connection.StartAsync();
        var cancelled = Listen(connection, "bookingCancelled");

        await connection.InvokeAsync("SubscribeToAgenda", demo.Nacho);
        using var http = await app.ClientForAsync("cliente@barberpro.local");
        var booking = (await (await http.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 21), 10), null, null)))
            .Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).StatusCode);

        var payload = (await cancelled.NextAsync()).Payload;
        Assert.Equal(booking.Id, payload.GetProperty("bookingId").GetGuid());
        Assert.Equal("cancelled", payload.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Anyone_WatchingAProviderDay_GetsAvailabilityChanged_ForThatDayOnly()
    {
        var demo = await app.DemoAsync();
        var anonymous = await ConnectAsync(null);
        var changed = Listen(anonymous, "availabilityChanged");
        await anonymous.InvokeAsync("SubscribeToAvailability", demo.Fede, "2027-01-22");
        using var http = await app.ClientForAsync("cliente@barberpro.local");

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 23), 10), null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 22), 10), null, null))).StatusCode);

        var payload = (await changed.NextAsync()).Payload;
        Assert.Equal(["2027-01-22"], payload.GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("bookingCreated", payload.GetProperty("cause").GetString());
        Assert.False(payload.TryGetProperty("bookingId", out _));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Single(changed.Received);
    }

    [Fact]
    public async Task ScheduleChange_ReachesTheAgenda_AndTheDaysWatchers()
    {
        var demo = await app.DemoAsync();
        var diego = await ConnectAsync(await app.TokenAsync("barbero1@barberpro.local"));
        var agenda = Listen(diego, "availabilityChanged");
        await diego.InvokeAsync("SubscribeToAgenda", demo.Diego);
        var watcher = await ConnectAsync(null);
        var day = Listen(watcher, "availabilityChanged");
        await watcher.InvokeAsync("SubscribeToAvailability", demo.Diego, "2027-01-27");
        using var http = await app.ClientForAsync("barbero1@barberpro.local");

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync($"/api/v1/providers/{demo.Diego}/time-off",
            new TimeOffRequest("2027-01-27T15:00", "2027-01-27T17:00", "Trámite"))).StatusCode);

        Assert.Equal("scheduleChanged", (await agenda.NextAsync()).Payload.GetProperty("cause").GetString());
        Assert.Equal(["2027-01-27"], (await day.NextAsync()).Payload.GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task SubscribeToAvailability_BadDateOrUnknownProvider_IsRefused()
    {
        var demo = await app.DemoAsync();
        var connection = await ConnectAsync(null);

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("SubscribeToAvailability", demo.Fede, "22/01/2027"));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("SubscribeToAvailability", Guid.NewGuid(), "2027-01-22"));
    }

    private async Task<HubConnection> ConnectAsync(string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/bookings"), o =>
            {
                if (token is not null)
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    private static Listener Listen(HubConnection connection, string eventName)
    {
        var listener = new Listener();
        connection.On<JsonElement>(eventName, listener.Add);
        return listener;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
    }

    /// <summary>Collects one event's payloads with the Stopwatch timestamp each arrived at.</summary>
    private sealed class Listener
    {
        private readonly ConcurrentQueue<(JsonElement Payload, long At)> _received = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private int _taken;

        public IReadOnlyCollection<(JsonElement Payload, long At)> Received => _received;

        public void Add(JsonElement payload)
        {
            _received.Enqueue((payload.Clone(), Stopwatch.GetTimestamp()));
            _arrived.Release();
        }

        /// <summary>The next payload; waits up to 5 s for it (how fast it came is for the caller to assert).</summary>
        public async Task<(JsonElement Payload, long At)> NextAsync()
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(5)), "No event arrived within 5 s.");
            return _received.ElementAt(_taken++);
        }
    }
}
