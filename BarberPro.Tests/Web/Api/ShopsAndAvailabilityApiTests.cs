using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>The anonymous read side: shops, a provider's free slots, and slot checks, on the demo shop.</summary>
public sealed class ShopsAndAvailabilityApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    /// <summary>A Tuesday after the demo bookings end (they cover three weeks around "now"): Diego's day is free.</summary>
    private static readonly LocalDate FreeTuesday = new(2027, 1, 5);

    [Fact]
    public async Task ListShops_IncludesTheDemoShop()
    {
        using var client = app.Client();

        var shops = await client.GetFromJsonAsync<List<ShopSummary>>("/api/v1/shops", ApiWebApp.Json);

        var demo = Assert.Single(shops!, s => s.Slug == "barberpro-palermo");
        Assert.Equal("America/Argentina/Buenos_Aires", demo.TimeZone);
        Assert.Equal("ARS", demo.Currency);
    }

    [Fact]
    public async Task GetShop_BySlugOrId_HasServicesAndProvidersWithWhatEachDoes()
    {
        using var client = app.Client();

        var bySlug = (await client.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", ApiWebApp.Json))!;
        var byId = (await client.GetFromJsonAsync<ShopDetail>($"/api/v1/shops/{bySlug.Id}", ApiWebApp.Json))!;

        Assert.Equal(bySlug.Id, byId.Id);
        Assert.Equal(["Barba", "Color", "Corte", "Corte + barba", "Corte niño", "Taller de barbería"], bySlug.Services.Select(s => s.Name));
        Assert.Equal(["Diego", "Fede", "Nacho"], bySlug.Providers.Select(p => p.DisplayName));
        var color = bySlug.Services.Single(s => s.Name == "Color");
        Assert.DoesNotContain(color.Id, bySlug.Providers.Single(p => p.DisplayName == "Nacho").ServiceIds);
        Assert.Contains(color.Id, bySlug.Providers.Single(p => p.DisplayName == "Diego").ServiceIds);
        Assert.Equal(1440, bySlug.Policy.CancellationWindowMinutes);
    }

    [Fact]
    public async Task GetShop_Unknown_Is404Problem()
    {
        using var client = app.Client();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/shops/no-such-shop"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/shops/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Availability_FreeDay_ListsEveryStartOfTheDay_WithTheShopOffset()
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var response = await client.GetAsync($"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date=2027-01-05");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"start\":\"2027-01-05T10:00:00-03:00\",\"end\":\"2027-01-05T10:30:00-03:00\"", raw);
        var day = System.Text.Json.JsonSerializer.Deserialize<AvailabilityResponse>(raw, ApiWebApp.Json)!;
        Assert.Equal("2027-01-05", day.Date);
        Assert.Equal("America/Argentina/Buenos_Aires", day.TimeZone);
        // 10:00–14:00 and 15:00–20:00, a 30-minute haircut every 15 minutes.
        Assert.Equal(15 + 19, day.Slots.Count);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 19, 30, 0, TimeSpan.FromHours(-3)), day.Slots[^1].Start);
    }

    [Fact]
    public async Task Availability_DayOff_HasNoSlots()
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var day = await client.GetFromJsonAsync<AvailabilityResponse>($"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date=2027-01-04", ApiWebApp.Json);

        Assert.Empty(day!.Slots);
    }

    [Theory]
    [InlineData("date=2027-01-05", "serviceId")]
    [InlineData("serviceId=not-a-guid&date=2027-01-05", "serviceId")]
    [InlineData("serviceId={0}&date=05/01/2027", "date")]
    [InlineData("serviceId={0}", "date")]
    [InlineData("serviceId={0}&date=9999-12-31", "date")]
    [InlineData("serviceId={0}&date=2027-02-30", "date")]
    public async Task Availability_BadQuery_Is422_WithTheField(string query, string field)
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var response = await client.GetAsync($"/api/v1/providers/{demo.Diego}/availability?{string.Format(query, demo.Corte)}");

        await ProblemAssert.IsValidationAsync(response, field);
    }

    [Fact]
    public async Task Availability_ServiceTheProviderDoesNotDo_Is404()
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var response = await client.GetAsync($"/api/v1/providers/{demo.Nacho}/availability?serviceId={demo.Color}&date=2027-01-05");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Availability_ProviderIdNotAGuid_Is400Problem()
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var response = await client.GetAsync($"/api/v1/providers/diego/availability?serviceId={demo.Corte}&date=2027-01-05");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData("2027-01-05T10:00:00-03:00")]
    [InlineData("2027-01-05T13:00:00Z")]
    [InlineData("2027-01-05T08:00:00-05:00")]
    public async Task Check_FreeStart_InAnyOffset_IsAvailable(string start)
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/bookings/advanced/availability/check", new AvailabilityCheckRequest(demo.Fede, demo.Corte, start));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<AvailabilityCheckResponse>(ApiWebApp.Json))!;
        Assert.True(answer.Available);
        Assert.Null(answer.Reason);
        Assert.Empty(answer.Alternatives);
    }

    [Fact]
    public async Task Check_OutsideHours_SaysWhy_AndOffersAlternatives()
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/bookings/advanced/availability/check", new AvailabilityCheckRequest(demo.Fede, demo.Corte, ApiWebApp.At(FreeTuesday, 8)));

        var answer = (await response.Content.ReadFromJsonAsync<AvailabilityCheckResponse>(ApiWebApp.Json))!;
        Assert.False(answer.Available);
        Assert.Equal("slot.outside_hours", answer.Reason);
        Assert.Contains("no está disponible", answer.Message);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.FromHours(-3)), answer.Alternatives[0].Start);
        Assert.All(answer.Alternatives, a => Assert.Equal(TimeSpan.FromMinutes(30), a.End - a.Start));
    }

    [Fact]
    public async Task Check_InThePast_SaysSo()
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var answer = await (await client.PostAsJsonAsync("/api/v1/bookings/advanced/availability/check",
            new AvailabilityCheckRequest(demo.Fede, demo.Corte, "2026-12-01T10:00:00-03:00"))).Content.ReadFromJsonAsync<AvailabilityCheckResponse>(ApiWebApp.Json);

        Assert.Equal("slot.in_past", answer!.Reason);
    }

    [Theory]
    [InlineData("2027-01-05 10:00")]
    [InlineData("2027-01-05T10:00:00")]
    [InlineData("mañana a las 10")]
    public async Task Check_StartWithoutOffsetOrUnreadable_Is422(string start)
    {
        var demo = await app.DemoAsync();
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/bookings/advanced/availability/check", new AvailabilityCheckRequest(demo.Fede, demo.Corte, start));

        var problem = await ProblemAssert.IsValidationAsync(response, "startTime");
        Assert.Contains("ISO-8601", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Check_MissingIds_Is422_ForEach()
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/bookings/advanced/availability/check", new { startTime = "2027-01-05T10:00:00-03:00" });

        await ProblemAssert.IsValidationAsync(response, "providerId", "serviceId");
    }

    [Fact]
    public async Task Check_GarbageJson_Is400Problem()
    {
        using var client = app.Client();

        var response = await client.PostAsync("/api/v1/bookings/advanced/availability/check",
            new StringContent("{\"providerId\": \"not-a-guid\"", System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task UnknownApiRoute_Is404Problem_NotTheHtmlPage()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/api/v1/nothing-here");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
