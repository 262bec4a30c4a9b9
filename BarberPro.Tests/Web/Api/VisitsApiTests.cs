using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// Issue 16 over HTTP on the demo shop: several services in one visit with serviceIds, on the availability queries and
/// on POST /api/v1/bookings. The demo's Corte is 30 minutes, its Barba 20, each with 5 minutes of cleanup after.
/// </summary>
public sealed class VisitsApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Customer = "cliente@barberpro.local";
    private static readonly LocalDate Tuesday = new(2027, 1, 12);
    private static readonly LocalDate Wednesday = new(2027, 1, 13);

    private async Task<int> BookingsOnAsync(LocalDate date)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BarberProDbContext>().Bookings.CountAsync(b => b.LocalStartDate == date);
    }

    [Fact]
    public async Task Availability_WithServiceIds_OffersStartsForTheWholeVisit_OnOneProviderAndOnCualquiera()
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var one = (await client.GetFromJsonAsync<AvailabilityResponse>($"/api/v1/providers/{demo.Diego}/availability?serviceIds={demo.Corte},{demo.Barba}&date=2027-01-12", ApiWebApp.Json))!;
        var any = (await client.GetFromJsonAsync<AnyAvailabilityResponse>($"/api/v1/shops/{demo.ShopId}/availability?serviceIds={demo.Corte},{demo.Barba}&date=2027-01-12", ApiWebApp.Json))!;

        Assert.NotEmpty(one.Slots);
        Assert.All(one.Slots, s => Assert.Equal(TimeSpan.FromMinutes(50), s.End - s.Start));
        Assert.Equal([demo.Corte, demo.Barba], one.ServiceIds);
        Assert.Equal(demo.Corte, one.ServiceId);
        Assert.NotEmpty(any.Slots);
        Assert.All(any.Slots, s => Assert.Equal(TimeSpan.FromMinutes(50), s.End - s.Start));
        Assert.Equal([demo.Corte, demo.Barba], any.ServiceIds);
    }

    [Fact]
    public async Task Create_WithServiceIds_BooksOneVisit_WithItsServicesTimesAndPrices_AndCancellingFreesAllOfIt()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Diego, null, ApiWebApp.At(Tuesday, 10), null, null, ServiceIds: [demo.Corte, demo.Barba]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal("Corte + Barba", booking.ServiceName);
        Assert.Equal(demo.Corte, booking.ServiceId);
        Assert.Equal(20_000m, booking.Price);
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 10, 50, 0, TimeSpan.FromHours(-3)), booking.End);
        var services = booking.Services!;
        Assert.Equal(["Corte", "Barba"], services.Select(s => s.Name));
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 10, 30, 0, TimeSpan.FromHours(-3)), services[0].End);
        Assert.Equal(services[0].End, services[1].Start);
        Assert.Equal(booking.End, services[1].End);
        Assert.Equal([12_000m, 8_000m], services.Select(s => s.Price));
        Assert.Equal(1, await BookingsOnAsync(Tuesday));

        // The list shows it the same way; the 10:30 start (inside the visit) is not offered for a corte.
        var list = (await client.GetFromJsonAsync<BookingListResponse>("/api/v1/bookings?from=2027-01-12&to=2027-01-12", ApiWebApp.Json))!;
        Assert.Equal(2, list.Items.Single(b => b.Id == booking.Id).Services!.Count);
        var slots = (await client.GetFromJsonAsync<AvailabilityResponse>($"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date=2027-01-12", ApiWebApp.Json))!;
        Assert.DoesNotContain(slots.Slots, s => s.Start == new DateTimeOffset(2027, 1, 12, 10, 30, 0, TimeSpan.FromHours(-3)));

        var cancelled = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest(null));
        Assert.Equal(BookingStatus.Cancelled, (await cancelled.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Status);
        slots = (await client.GetFromJsonAsync<AvailabilityResponse>($"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date=2027-01-12", ApiWebApp.Json))!;
        Assert.Contains(slots.Slots, s => s.Start == new DateTimeOffset(2027, 1, 12, 10, 30, 0, TimeSpan.FromHours(-3)));
    }

    [Fact]
    public async Task Create_WhenTheSecondServiceWouldOverlap_Is409_WithStartsWhereTheWholeVisitFits_AndBooksNothing()
    {
        var demo = await app.DemoAsync();
        var (_, other) = await app.NewCustomerAsync("vecino");
        using var first = app.Client(other);
        using var client = await app.ClientForAsync(Customer);
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(Wednesday, 11), null, null))).StatusCode);

        var response = await client.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Fede, null, ApiWebApp.At(Wednesday, 10, 30), null, null, ServiceIds: [demo.Corte, demo.Barba]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "slot.taken");
        var alternatives = problem.GetProperty("alternatives").EnumerateArray().ToList();
        Assert.NotEmpty(alternatives);
        Assert.All(alternatives, a => Assert.Equal(TimeSpan.FromMinutes(50),
            DateTimeOffset.Parse(a.GetProperty("end").GetString()!) - DateTimeOffset.Parse(a.GetProperty("start").GetString()!)));
        Assert.Equal(1, await BookingsOnAsync(Wednesday));
    }

    [Fact]
    public async Task BadServiceLists_Are422InSpanish_AndBookNothing()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        var at = ApiWebApp.At(new LocalDate(2027, 1, 14), 10);

        var both = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, at, null, null, ServiceIds: [demo.Corte, demo.Barba]));
        var twice = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, null, at, null, null, ServiceIds: [demo.Corte, demo.Corte]));
        var five = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, null, at, null, null,
            ServiceIds: [demo.Corte, demo.Barba, demo.Color, Guid.NewGuid(), Guid.NewGuid()]));
        var none = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, null, at, null, null, ServiceIds: []));
        var badQuery = await app.Client().GetAsync($"/api/v1/providers/{demo.Diego}/availability?serviceIds={demo.Corte},nope&date=2027-01-14");

        await ProblemAssert.IsProblemAsync(both, HttpStatusCode.UnprocessableEntity, "request.service_both");
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.UnprocessableEntity, "visit.repeated");
        await ProblemAssert.IsProblemAsync(five, HttpStatusCode.UnprocessableEntity, "visit.too_many");
        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.UnprocessableEntity, "visit.no_service");
        await ProblemAssert.IsProblemAsync(badQuery, HttpStatusCode.UnprocessableEntity, "request.guid");
        Assert.Equal(0, await BookingsOnAsync(new LocalDate(2027, 1, 14)));
    }
}
