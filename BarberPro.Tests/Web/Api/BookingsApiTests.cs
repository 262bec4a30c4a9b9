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
/// /api/v1/bookings over HTTP on the demo shop. Each test books its own provider, date and time after the demo
/// bookings end (three weeks around "now"), so tests sharing the app never meet each other's bookings.
/// </summary>
public sealed partial class BookingsApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Customer = "cliente@barberpro.local";
    private const string Owner = "owner@barberpro.local";
    private const string Admin = "admin@barberpro.local";
    private const string Diego = "barbero1@barberpro.local";
    private const string Fede = "barbero2@barberpro.local";

    private static readonly LocalDate Tuesday = new(2027, 1, 5);
    private static readonly LocalDate Wednesday = new(2027, 1, 6);
    private static readonly LocalDate Thursday = new(2027, 1, 7);
    private static readonly LocalDate Friday = new(2027, 1, 8);
    private static readonly LocalDate Saturday = new(2027, 1, 9);

    [Fact]
    public async Task Create_AsCustomer_Is201_WithLocationAndTheBooking()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Wednesday, 10), "Degradé bajo", null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"start\":\"2027-01-06T10:00:00-03:00\"", raw);
        Assert.Contains("\"status\":\"pending\"", raw);
        var booking = System.Text.Json.JsonSerializer.Deserialize<BookingResponse>(raw, ApiWebApp.Json)!;
        Assert.Equal($"/api/v1/bookings/{booking.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 10, 30, 0, TimeSpan.FromHours(-3)), booking.End);
        Assert.Equal("Diego", booking.ProviderName);
        Assert.Equal("Corte", booking.ServiceName);
        Assert.Equal("Cliente Demo", booking.Customer.FullName);
        Assert.Equal(12000m, booking.Price);
        Assert.Equal("Degradé bajo", booking.Notes);
        var fetched = await client.GetFromJsonAsync<BookingResponse>(response.Headers.Location, ApiWebApp.Json);
        Assert.Equal(booking.Id, fetched!.Id);
    }

    [Fact]
    public async Task Create_StartGivenInUtc_BooksTheSameInstant()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, "2027-01-06T18:00:00Z", null, null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 15, 0, 0, TimeSpan.FromHours(-3)), booking.Start);
        Assert.Equal(TimeSpan.FromHours(-3), booking.Start.Offset);
    }

    [Fact]
    public async Task Create_TakenSlot_Is409_WithAlternatives()
    {
        var demo = await app.DemoAsync();
        var (_, other) = await app.NewCustomerAsync("rival");
        using var first = app.Client(other);
        using var client = await app.ClientForAsync(Customer);
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Wednesday, 11), null, null))).StatusCode);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Wednesday, 11), null, null));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "slot.taken");
        var alternatives = problem.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("start").GetString()).ToList();
        Assert.NotEmpty(alternatives);
        Assert.DoesNotContain(ApiWebApp.At(Wednesday, 11), alternatives);
        Assert.All(alternatives, a => Assert.EndsWith("-03:00", a));
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00-03:00", "slot.in_past")]
    [InlineData("2027-01-06T08:00:00-03:00", "slot.outside_hours")]
    [InlineData("2027-01-06T10:07:00-03:00", "slot.outside_hours")]
    [InlineData("2026-12-07T09:30:00-03:00", "slot.too_soon")]
    [InlineData("2027-06-01T10:00:00-03:00", "slot.beyond_horizon")]
    public async Task Create_SlotNotBookable_Is422_OnStartTime(string start, string code)
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, start, null, null));

        var problem = await ProblemAssert.IsValidationAsync(response, "startTime");
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_MissingEverything_Is422_ListingEachField()
    {
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new { notes = "hola" });

        await ProblemAssert.IsValidationAsync(response, "providerId", "serviceId", "startTime");
    }

    [Theory]
    [InlineData("2027-01-06T10:00:00")]
    [InlineData("9999-12-31T10:00:00-03:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task Create_StartWithoutOffsetOrOutOfAnyCalendar_Is422(string start)
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, start, null, null));

        await ProblemAssert.IsValidationAsync(response, "startTime");
    }

    [Fact]
    public async Task Create_NotesTooLong_Is422_OnNotes()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(Wednesday, 12), new string('x', 501), null));

        await ProblemAssert.IsValidationAsync(response, "notes");
    }

    [Theory]
    [InlineData("{\"providerId\": \"not-a-guid\", \"serviceId\": null}")]
    [InlineData("{\"providerId\": ")]
    [InlineData("[1, 2, 3]")]
    public async Task Create_UnreadableBody_Is400Problem(string body)
    {
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsync("/api/v1/bookings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task Create_NotJson_Is415Problem()
    {
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsync("/api/v1/bookings", new StringContent("providerId=1", System.Text.Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Create_UnknownProvider_Is404()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(Guid.NewGuid(), demo.Corte, ApiWebApp.At(Wednesday, 10), null, null));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_ByOwnerForAWalkIn_IsConfirmed_ByProviderWithoutCustomer_Is422()
    {
        var demo = await app.DemoAsync();
        Guid walkIn;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync())
            walkIn = await db.Customers.Where(c => c.UserId == null).Select(c => c.Id).FirstAsync();
        using var owner = await app.ClientForAsync(Owner);
        using var diego = await app.ClientForAsync(Diego);

        var byOwner = await owner.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Saturday, 10), null, walkIn));
        var byProvider = await diego.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Saturday, 11), null, null));

        Assert.Equal(HttpStatusCode.Created, byOwner.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await byOwner.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Status);
        await ProblemAssert.IsValidationAsync(byProvider, "customerId");
    }

    [Fact]
    public async Task Create_ForAnotherProvidersAgenda_AsProvider_Is404()
    {
        var demo = await app.DemoAsync();
        Guid walkIn;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync())
            walkIn = await db.Customers.Where(c => c.UserId == null).Select(c => c.Id).FirstAsync();
        using var fede = await app.ClientForAsync(Fede);

        var response = await fede.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(Saturday, 12), null, walkIn));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_AnotherCustomersBooking_Is404_AndAnotherProviders_Is404()
    {
        var booking = await BookAsCustomerAsync(p => p.Diego, Tuesday, 10);
        var (_, stranger) = await app.NewCustomerAsync("stranger");
        using var other = app.Client(stranger);
        using var fede = await app.ClientForAsync(Fede);

        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/bookings/{booking.Id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fede.GetAsync($"/api/v1/bookings/{booking.Id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Customer, 15)]
    [InlineData(Diego, 16)]
    [InlineData(Owner, 17)]
    [InlineData(Admin, 18)]
    public async Task Get_ByEveryoneWhoMaySeeIt_Is200(string email, int hour)
    {
        var booking = await BookAsCustomerAsync(p => p.Diego, Tuesday, hour);
        using var client = await app.ClientForAsync(email);

        var response = await client.GetAsync($"/api/v1/bookings/{booking.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_IdNotAGuid_Is400Problem_AndUnknownId_Is404()
    {
        using var client = await app.ClientForAsync(Customer);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/bookings/not-a-guid"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/bookings/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_EachRoleSeesItsOwn()
    {
        var demo = await app.DemoAsync();
        var mine = await BookAsCustomerAsync(p => p.Fede, Tuesday, 16);
        var (_, strangerToken) = await app.NewCustomerAsync("list");
        using var stranger = app.Client(strangerToken);
        var theirs = (await (await stranger.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Tuesday, 16), null, null)))
            .Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        const string range = "?from=2027-01-05&to=2027-01-05";

        var asCustomer = await ListAsync(Customer, range);
        var asStranger = await ListAsync(strangerToken, range, isToken: true);
        var asFede = await ListAsync(Fede, range);
        var asOwner = await ListAsync(Owner, range);

        Assert.Contains(asCustomer, b => b.Id == mine.Id);
        Assert.DoesNotContain(asCustomer, b => b.Id == theirs.Id);
        Assert.Equal([theirs.Id], asStranger.Select(b => b.Id));
        Assert.Contains(asFede, b => b.Id == mine.Id);
        Assert.All(asFede, b => Assert.Equal(demo.Fede, b.ProviderId));
        Assert.Contains(asOwner, b => b.Id == mine.Id);
        Assert.Contains(asOwner, b => b.Id == theirs.Id);
        Assert.Equal(asOwner.OrderBy(b => b.Start).Select(b => b.Id), asOwner.Select(b => b.Id));
    }

    [Fact]
    public async Task List_DefaultRange_IsFromToday_AndStatusFilters()
    {
        using var owner = await app.ClientForAsync(Owner);

        var all = (await owner.GetFromJsonAsync<BookingListResponse>("/api/v1/bookings", ApiWebApp.Json))!;
        var confirmed = (await owner.GetFromJsonAsync<BookingListResponse>("/api/v1/bookings?status=confirmed", ApiWebApp.Json))!;

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(-3)), all.From);
        Assert.Equal(all.From.AddDays(31), all.To);
        Assert.NotEmpty(confirmed.Items);
        Assert.All(confirmed.Items, b => Assert.Equal(BookingStatus.Confirmed, b.Status));
        Assert.True(all.Items.Count > confirmed.Items.Count);
    }

    [Theory]
    [InlineData("?status=maybe", "status")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2027-01-10&to=2027-01-05", "to")]
    [InlineData("?from=2027-01-01&to=2027-12-31", "to")]
    [InlineData("?from=9999-12-30&to=9999-12-31", "from")]
    public async Task List_BadQuery_Is422(string query, string field)
    {
        using var client = await app.ClientForAsync(Customer);

        await ProblemAssert.IsValidationAsync(await client.GetAsync("/api/v1/bookings" + query), field);
    }

    private async Task<IReadOnlyList<BookingResponse>> ListAsync(string who, string query, bool isToken = false)
    {
        using var client = isToken ? app.Client(who) : await app.ClientForAsync(who);
        var response = await client.GetAsync("/api/v1/bookings" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BookingListResponse>(ApiWebApp.Json))!.Items;
    }

    /// <summary>Books a haircut as the demo customer at hh:mm on <paramref name="date"/>.</summary>
    private async Task<BookingResponse> BookAsCustomerAsync(Func<DemoIds, Guid> provider, LocalDate date, int hour, int minute = 0)
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(provider(demo), demo.Corte, ApiWebApp.At(date, hour, minute), null, null));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
    }

    private async Task<int> CountAsync(Guid providerId, string start)
    {
        Assert.True(ApiTime.TryParseInstant(start, out var instant));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return await db.Bookings.CountAsync(b => b.ProviderId == providerId && b.Start == instant);
    }
}
