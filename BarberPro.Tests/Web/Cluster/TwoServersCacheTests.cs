using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Cluster;

/// <summary>
/// The availability cache of one server drops what another server's booking changed, once the change reaches it
/// through the Redis fan-out (docs/decisions/0015).
/// </summary>
public sealed class TwoServersCacheTests(TwoServersTests.TwoServers servers) : IClassFixture<TwoServersTests.TwoServers>
{
    private static readonly LocalDate Thursday = new(2027, 1, 21);

    [Fact]
    public async Task ABookingThroughOneServer_LeavesTheOtherServersCachedAvailability_OnceItHearsOfIt()
    {
        var demo = await servers.A.DemoAsync();
        var url = $"/api/v1/providers/{demo.Nacho}/availability?serviceId={demo.Corte}&date={Thursday:yyyy-MM-dd}";
        using var readerB = servers.B.Client();
        AvailabilityResponse? before = null;
        for (var i = 0; i < 3; i++) // the first read learns the shop, the next ones are cached
            before = await readerB.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json);
        var slot = before!.Slots[0];

        var heard = System.Threading.Channels.Channel.CreateUnbounded<BookingChange>();
        using var subscription = servers.B.Services.GetRequiredService<IBookingEvents>().Subscribe(change =>
        {
            heard.Writer.TryWrite(change);
            return Task.CompletedTask;
        });
        var (_, token) = await servers.A.NewCustomerAsync("cache-nodo");
        using var customer = servers.A.Client(token);
        var response = await customer.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Nacho, demo.Corte, slot.Start.ToString("yyyy-MM-ddTHH:mm:sszzz"), null, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booked = (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id;

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a hang guard, not a latency assertion
        while ((await heard.Reader.ReadAsync(guard.Token)).BookingId != booked)
        {
        }
        var after = (await readerB.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!;
        Assert.DoesNotContain(after.Slots, s => s.Start == slot.Start);
    }
}
