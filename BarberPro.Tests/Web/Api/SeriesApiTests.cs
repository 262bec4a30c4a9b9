using System.Net;
using System.Net.Http.Json;
using System.Text;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// /api/v1/bookings/series and the cancel scope over real Kestrel on the demo shop (Diego and Fede work Tuesday to
/// Friday 10–14 and 15–20). Each test uses its own weeks after the demo bookings, so tests sharing the app never meet.
/// </summary>
public sealed class SeriesApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Customer = "cliente@barberpro.local";
    private const string Fede = "barbero2@barberpro.local";

    private static readonly LocalDate January12 = new(2027, 1, 12);

    private async Task<int> CountBookingsAsync(Func<IQueryable<Booking>, IQueryable<Booking>> filter)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return await filter(db.Bookings).CountAsync();
    }

    [Fact]
    public async Task Preview_WeeklyWithATakenOccurrence_Is200_WithEachOccurrenceAndSameDayAlternatives()
    {
        var demo = await app.DemoAsync();
        var (_, rival) = await app.NewCustomerAsync("series-rival");
        using var first = app.Client(rival);
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Diego, demo.Corte, ApiWebApp.At(January12.PlusWeeks(1), 10), null, null))).StatusCode);
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync("/api/v1/bookings/series/preview",
            new SeriesPreviewRequest(demo.Diego, demo.Corte, ApiWebApp.At(January12, 10), "weekly", 4, null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"start\":\"2027-01-12T10:00:00-03:00\"", raw);
        var preview = System.Text.Json.JsonSerializer.Deserialize<SeriesPreviewResponse>(raw, ApiWebApp.Json)!;
        Assert.Equal("weekly", preview.Frequency);
        Assert.Equal(4, preview.Occurrences.Count);
        Assert.Equal([true, false, true, true], preview.Occurrences.Select(o => o.Available));
        var taken = preview.Occurrences[1];
        Assert.Equal("slot.taken", taken.Reason);
        Assert.False(string.IsNullOrEmpty(taken.Detail));
        Assert.InRange(taken.Alternatives.Count, 1, 3);
        Assert.All(taken.Alternatives, a => Assert.Equal(new DateTime(2027, 1, 19), a.Start.Date));
        Assert.All(preview.Occurrences, o => Assert.Equal(new TimeSpan(10, 0, 0), o.Start.TimeOfDay));
    }

    [Fact]
    public async Task Create_Is201_WithTheSeriesBookings_AndAClashingSeriesIs409_CreatingNothing()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        var (_, rival) = await app.NewCustomerAsync("series-second");
        using var other = app.Client(rival);
        var feb2 = new LocalDate(2027, 2, 2);

        var created = await client.PostAsJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(demo.Diego, demo.Corte, "weekly",
            [ApiWebApp.At(January12, 11), ApiWebApp.At(January12.PlusWeeks(2), 11)], "Mismo de siempre", null));
        var clashing = await other.PostAsJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(demo.Diego, demo.Corte, "weekly",
            [ApiWebApp.At(January12.PlusWeeks(2), 11), ApiWebApp.At(feb2, 11)], null, null));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var series = (await created.Content.ReadFromJsonAsync<SeriesResponse>(ApiWebApp.Json))!;
        Assert.Equal(2, series.Bookings.Count);
        Assert.All(series.Bookings, b => Assert.Equal(series.SeriesId, b.SeriesId));
        Assert.All(series.Bookings, b => Assert.Equal(BookingStatus.Pending, b.Status));
        Assert.Equal("Mismo de siempre", series.Bookings[0].Notes);
        var problem = await ProblemAssert.IsProblemAsync(clashing, HttpStatusCode.Conflict, "series.clash");
        var clash = Assert.Single(problem.GetProperty("clashes").EnumerateArray());
        Assert.Equal("2027-01-26T11:00:00-03:00", clash.GetProperty("start").GetString());
        Assert.Equal("slot.taken", clash.GetProperty("code").GetString());
        var feb2At11 = TestAgenda.Local(feb2.At(new LocalTime(11, 0)));
        Assert.Equal(0, await CountBookingsAsync(q => q.Where(b => b.ProviderId == demo.Diego && b.Start == feb2At11)));
        Assert.Equal(2, await CountBookingsAsync(q => q.Where(b => b.SeriesId == series.SeriesId)));
    }

    [Fact]
    public async Task BadInput_IsAProblem_AndNothingIsCreated()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        var before = await CountBookingsAsync(q => q);

        var badFrequency = await client.PostAsJsonAsync("/api/v1/bookings/series/preview",
            new SeriesPreviewRequest(demo.Diego, demo.Corte, ApiWebApp.At(January12, 10), "yearly", 4, null));
        var tooMany = await client.PostAsJsonAsync("/api/v1/bookings/series/preview",
            new SeriesPreviewRequest(demo.Diego, demo.Corte, ApiWebApp.At(January12, 10), "weekly", 53, null));
        var badUntil = await client.PostAsJsonAsync("/api/v1/bookings/series/preview",
            new SeriesPreviewRequest(demo.Diego, demo.Corte, ApiWebApp.At(January12, 10), "weekly", null, "12/02/2027"));
        var noOccurrences = await client.PostAsJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(demo.Diego, demo.Corte, "weekly", [], null, null));
        var offPattern = await client.PostAsJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(demo.Diego, demo.Corte, "weekly",
            [ApiWebApp.At(January12, 16), ApiWebApp.At(January12.PlusDays(8), 16)], null, null));
        var malformed = await client.PostAsync("/api/v1/bookings/series", new StringContent("{\"providerId\": 12", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsValidationAsync(badFrequency, "frequency");
        Assert.Contains("weekly", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.UnprocessableEntity, "series.count");
        await ProblemAssert.IsValidationAsync(badUntil, "until");
        await ProblemAssert.IsValidationAsync(noOccurrences, "occurrences");
        await ProblemAssert.IsProblemAsync(offPattern, HttpStatusCode.UnprocessableEntity, "series.not_in_pattern");
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountBookingsAsync(q => q));
    }

    [Fact]
    public async Task WrongUser_GetsNothing()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        using var fede = await app.ClientForAsync(Fede);
        var (_, stranger) = await app.NewCustomerAsync("series-stranger");
        using var other = app.Client(stranger);
        using var anonymous = app.Client();
        var feb9 = new LocalDate(2027, 2, 9);
        var created = await client.PostAsJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(demo.Diego, demo.Corte, "weekly",
            [ApiWebApp.At(feb9, 15), ApiWebApp.At(feb9.PlusWeeks(1), 15)], null, null));
        var series = (await created.Content.ReadFromJsonAsync<SeriesResponse>(ApiWebApp.Json))!;

        var strangerCancels = await other.PostAsJsonAsync($"/api/v1/bookings/{series.Bookings[0].Id}/cancel", new CancelBookingRequest("ja", "following"));
        var otherBarberBooksDiego = await fede.PostAsJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(demo.Diego, demo.Corte, "weekly",
            [ApiWebApp.At(feb9, 17)], null, series.Bookings[0].Customer.Id));
        var otherBarberPreviews = await fede.PostAsJsonAsync("/api/v1/bookings/series/preview",
            new SeriesPreviewRequest(demo.Diego, demo.Corte, ApiWebApp.At(feb9, 17), "weekly", 2, null));
        var noToken = await anonymous.PostAsJsonAsync("/api/v1/bookings/series/preview",
            new SeriesPreviewRequest(demo.Diego, demo.Corte, ApiWebApp.At(feb9, 17), "weekly", 2, null));

        await ProblemAssert.IsProblemAsync(strangerCancels, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(otherBarberBooksDiego, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(otherBarberPreviews, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(2, await CountBookingsAsync(q => q.Where(b => b.SeriesId == series.SeriesId && b.Status == BookingStatus.Pending)));
        var feb9At17 = TestAgenda.Local(feb9.At(new LocalTime(17, 0)));
        Assert.Equal(0, await CountBookingsAsync(q => q.Where(b => b.ProviderId == demo.Diego && b.Start == feb9At17)));
    }

    [Fact]
    public async Task Cancel_ScopeFollowing_CancelsThisAndTheLaterOnes_ScopeThisOnlyThisOne_AndAnUnknownScopeIs422()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        var feb2 = new LocalDate(2027, 2, 2);
        var created = await client.PostAsJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(demo.Fede, demo.Corte, "weekly",
            [ApiWebApp.At(feb2, 12), ApiWebApp.At(feb2.PlusWeeks(1), 12), ApiWebApp.At(feb2.PlusWeeks(2), 12), ApiWebApp.At(feb2.PlusWeeks(3), 12)], null, null));
        var bookings = (await created.Content.ReadFromJsonAsync<SeriesResponse>(ApiWebApp.Json))!.Bookings;

        var badScope = await client.PostAsJsonAsync($"/api/v1/bookings/{bookings[1].Id}/cancel", new CancelBookingRequest("x", "all"));
        var onlyFirst = await client.PostAsJsonAsync($"/api/v1/bookings/{bookings[0].Id}/cancel", new CancelBookingRequest("Viajo", "this"));
        var following = await client.PostAsJsonAsync($"/api/v1/bookings/{bookings[2].Id}/cancel", new CancelBookingRequest("Me mudo", "following"));

        await ProblemAssert.IsValidationAsync(badScope, "scope");
        Assert.Equal(HttpStatusCode.OK, onlyFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, following.StatusCode);
        var cancelled = (await following.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(bookings[2].Id, cancelled.Id);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal("Me mudo", cancelled.CancellationReason);
        var statuses = new List<BookingStatus>();
        foreach (var booking in bookings)
            statuses.Add((await client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", ApiWebApp.Json))!.Status);
        Assert.Equal([BookingStatus.Cancelled, BookingStatus.Pending, BookingStatus.Cancelled, BookingStatus.Cancelled], statuses);
    }

    [Fact]
    public async Task OpenApi_DescribesTheSeriesEndpointsWithExamples()
    {
        using var client = app.Client();
        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/bookings/series/preview", document);
        Assert.Contains("CreateSeries", document);
        Assert.Contains("PreviewSeries", document);
        Assert.Contains("series.clash", document);
        Assert.Contains("following", document);
    }
}
