using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Domain.Analytics;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Analytics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace BarberPro.Tests.Web.Analytics;

/// <summary>
/// GET /api/v1/shops/{id}/analytics over Kestrel on the demo data (three weeks of history and three ahead around the
/// test clock's Monday 7 December 2026): the JSON is the service's report, and only the shop's people get it.
/// </summary>
public sealed class AnalyticsApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Customer = "cliente@barberpro.local";
    private const string Diego = "barbero1@barberpro.local";
    private const string Admin = "admin@barberpro.local";
    private const string Range = "from=2026-11-16&to=2026-12-13";

    private async Task<AnalyticsReport> DirectAsync(AnalyticsQuery query, Actor actor)
    {
        var result = await app.Services.GetRequiredService<AnalyticsService>().ReportAsync(query, actor);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BarberPro.Domain.Accounts.AppUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    [Fact]
    public async Task Owner_GetsTheWholeShop_AsTheServiceReportsIt_WithThePreviousPeriod()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var response = await owner.GetAsync($"/api/v1/shops/{demo.ShopId}/analytics?{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var body = json.Deserialize<AnalyticsResponse>(ApiWebApp.Json)!;
        var direct = AnalyticsResponse.Of(await DirectAsync(new AnalyticsQuery(demo.ShopId, new LocalDate(2026, 11, 16), new LocalDate(2026, 12, 13)),
            new BarberPro.Domain.Bookings.Actor(await UserIdAsync(Owner), ActorRole.Owner)));
        Assert.Equal(JsonSerializer.Serialize(direct, ApiWebApp.Json), JsonSerializer.Serialize(body, ApiWebApp.Json));
        Assert.True(body.Bookings.Made > 0 && body.Bookings.Completed > 0, "The demo has history in the range");
        Assert.Equal(3, body.Occupancy.Count);
        Assert.Equal("2026-10-19", body.Previous.From);
        Assert.Equal("2026-11-15", body.Previous.To);

        // The shape the issue names, in camelCase, money as numbers.
        foreach (var name in new[] { "made", "completed", "cancelledByCustomer", "cancelledByShop", "lateCancellations", "noShows" })
        {
            Assert.Equal(JsonValueKind.Number, json.GetProperty("bookings").GetProperty(name).ValueKind);
            Assert.Equal(JsonValueKind.Number, json.GetProperty("previous").GetProperty("bookings").GetProperty(name).ValueKind);
        }
        Assert.Equal(JsonValueKind.Number, json.GetProperty("revenue").GetProperty("completed").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("previous").GetProperty("revenue").GetProperty("expected").ValueKind);
        Assert.True(json.GetProperty("occupancy")[0].TryGetProperty("availableMinutes", out _));
        Assert.True(json.GetProperty("rates").TryGetProperty("noShow", out _));
    }

    [Fact]
    public async Task Owner_MayFilterByBarberAndService()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var body = (await owner.GetFromJsonAsync<AnalyticsResponse>($"/api/v1/shops/{demo.ShopId}/analytics?{Range}&providerId={demo.Fede}&serviceId={demo.Corte}", ApiWebApp.Json))!;

        Assert.Equal(demo.Fede, body.ProviderId);
        Assert.Equal(demo.Corte, body.ServiceId);
        Assert.Equal([demo.Fede], body.Occupancy.Select(o => o.ProviderId));
        Assert.All(body.TopServicesByCount, s => Assert.Equal(demo.Corte, s.ServiceId));
    }

    [Fact]
    public async Task Admin_GetsTheShopToo()
    {
        var demo = await app.DemoAsync();
        using var admin = await app.ClientForAsync(Admin);

        var response = await admin.GetAsync($"/api/v1/shops/{demo.ShopId}/analytics?{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Barber_GetsOwnNumbersOnly_AndAnotherBarbersIs404()
    {
        var demo = await app.DemoAsync();
        using var diego = await app.ClientForAsync(Diego);

        var own = (await diego.GetFromJsonAsync<AnalyticsResponse>($"/api/v1/shops/{demo.ShopId}/analytics?{Range}", ApiWebApp.Json))!;
        var fede = await diego.GetAsync($"/api/v1/shops/{demo.ShopId}/analytics?{Range}&providerId={demo.Fede}");

        Assert.Equal(demo.Diego, own.ProviderId);
        Assert.Equal([demo.Diego], own.Occupancy.Select(o => o.ProviderId));
        using var owner = await app.ClientForAsync(Owner);
        var ownersViewOfDiego = (await owner.GetFromJsonAsync<AnalyticsResponse>($"/api/v1/shops/{demo.ShopId}/analytics?{Range}&providerId={demo.Diego}", ApiWebApp.Json))!;
        Assert.Equal(JsonSerializer.Serialize(ownersViewOfDiego.Bookings), JsonSerializer.Serialize(own.Bookings));
        await ProblemAssert.IsProblemAsync(fede, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Customer_AnotherShopsOwner_AndNoToken_GetNothing()
    {
        var demo = await app.DemoAsync();
        var other = await StaffAccountsForTests.NewShopAsync(app.Services, "ajeno", requireTwoFactor: false);
        using var customer = await app.ClientForAsync(Customer);
        using var stranger = app.Client(await app.TokenAsync(other.OwnerEmail, StaffAccountsForTests.Password));
        using var anonymous = app.Client();

        await ProblemAssert.IsProblemAsync(await customer.GetAsync($"/api/v1/shops/{demo.ShopId}/analytics?{Range}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/v1/shops/{demo.ShopId}/analytics?{Range}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/shops/{demo.ShopId}/analytics?{Range}")).StatusCode);
        // Their own shop works.
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/api/v1/shops/{other.ShopId}/analytics?{Range}")).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-12-13&to=2026-11-16", "analytics.range")]
    [InlineData("from=2020-01-01&to=2026-12-31", "analytics.range")]
    [InlineData("from=2026-02-30&to=2026-03-10", "request.date_format")]
    [InlineData("from=16/11/2026&to=2026-12-13", "request.date_format")]
    [InlineData("to=2026-12-13", "request.required")]
    [InlineData("from=2026-11-16", "request.required")]
    [InlineData("from=2026-11-16&to=2026-12-13&providerId=diego", "request.guid")]
    public async Task BadRange_Is400_InSpanish(string query, string code)
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var response = await owner.GetAsync($"/api/v1/shops/{demo.ShopId}/analytics?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Matches("fecha|profesional|Falta", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesTheEndpoint_WithAnExample()
    {
        using var client = app.Client();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var get = document.GetProperty("paths").GetProperty("/api/v1/shops/{shopId}/analytics").GetProperty("get");
        Assert.Contains("previous", get.GetProperty("description").GetString());
        var ok = get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.True(ok.TryGetProperty("example", out var example) || ok.TryGetProperty("examples", out example), ok.ToString());
        Assert.Contains("lateCancellations", example.ToString());
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
    }
}
