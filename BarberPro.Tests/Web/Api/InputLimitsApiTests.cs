using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// Issue 8: a 25 MB service description was stored and the public shop endpoint then answered 10.7 MB. The API reads
/// at most 64 KB of body (413 problem beyond), and the domain's text limits answer 422 below that.
/// </summary>
public sealed class InputLimitsApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Customer = "cliente@barberpro.local";

    [Fact]
    public async Task CreateService_With25MbDescription_IsRefused_AndThePublicShopStaysSmall()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        var huge = new string('x', 25 * 1024 * 1024);
        // As curl sends it: with its length and "Expect: 100-continue", so the server can refuse before the upload.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/shops/{demo.ShopId}/services")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new ServiceRequest("Servicio enorme", 30, 1000m, 0, 0, 1, huge), ApiWebApp.Json))
            {
                Headers = { ContentType = new("application/json") },
            },
        };
        request.Headers.ExpectContinue = true;

        var response = await owner.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        using var anonymous = app.Client();
        var shop = await anonymous.GetAsync("/api/v1/shops/barberpro-palermo");
        var body = await shop.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shop.StatusCode);
        Assert.True(body.Length < 64 * 1024, $"The public shop answered {body.Length} characters.");
        Assert.DoesNotContain("Servicio enorme", body);
    }

    [Fact]
    public async Task Body_Over64Kb_Is413Problem_WithOrWithoutContentLength()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        var json = $$"""{"name":"Largo","durationMinutes":30,"price":1000,"description":"{{new string('x', 65 * 1024)}}"}""";

        var sized = await owner.PostAsync($"/api/v1/shops/{demo.ShopId}/services", new StringContent(json, Encoding.UTF8, "application/json"));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/shops/{demo.ShopId}/services") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await owner.SendAsync(request);

        await ProblemAssert.IsProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        await ProblemAssert.IsProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Fact]
    public async Task Body_JustUnder64Kb_IsRead_AndTheDomainLimitAnswers422()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var response = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest("Largo", 30, 1000m, 0, 0, 1, new string('x', 60 * 1024)));

        var problem = await ProblemAssert.IsValidationAsync(response, "description");
        Assert.Equal("offering.description", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("service description 1001", "offering.description")]
    [InlineData("service name 101", "offering.name")]
    [InlineData("provider name 81", "provider.name")]
    [InlineData("booking notes 501", "booking.notes_too_long")]
    public async Task TextOverItsLimit_Is422_WithTheDomainCode(string text, string code)
    {
        var demo = await app.DemoAsync();
        var (email, path, body) = text switch
        {
            "service description 1001" => (Owner, $"/api/v1/shops/{demo.ShopId}/services", (object)new ServiceRequest("Corte", 30, 1000m, 0, 0, 1, new string('d', 1001))),
            "service name 101" => (Owner, $"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest(new string('n', 101), 30, 1000m, 0, 0, 1, null)),
            "provider name 81" => (Owner, $"/api/v1/shops/{demo.ShopId}/providers", new CreateProviderRequest(new string('n', 81), "largo@barberpro.local", "11 5555-0199", "Barbero-2026", [])),
            _ => (Customer, "/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 6), 10), new string('n', 501), null)),
        };
        using var client = await app.ClientForAsync(email);

        var response = await client.PostAsync(path, JsonContent.Create(body, body.GetType(), options: ApiWebApp.Json));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TimeOffReason_AndSpecialDateNote_OverTheirLimit_Are422()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var timeOff = await owner.PostAsJsonAsync($"/api/v1/providers/{demo.Nacho}/time-off", new TimeOffRequest("2027-02-02T10:00", "2027-02-02T11:00", new string('r', 201)));
        var special = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/date-overrides/2027-02-03", new DateOverrideRequest([], new string('r', 201)));

        Assert.Equal("provider.time_off_reason", (await ProblemAssert.IsProblemAsync(timeOff, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        Assert.Equal("provider.override_note", (await ProblemAssert.IsProblemAsync(special, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task NameWithBidiOverride_IsStoredWithoutIt()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var response = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest("\u202ECorte\u200B invertido\u0007", 30, 1000m, 0, 0, 1, null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Corte invertido", (await response.Content.ReadFromJsonAsync<ServiceResponse>(ApiWebApp.Json))!.Name);
    }

    [Fact]
    public async Task Register_NameWithBidiAndZeroWidthCharacters_IsKeptWithoutThem()
    {
        using var client = app.Client();
        var email = $"bidi-{Guid.NewGuid():N}@example.com";

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("\u202Eañi\u200Bta\u202C Pérez\u0000", email, "11 2345-6789", "Corte-2026"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("añita Pérez", (await response.Content.ReadFromJsonAsync<AccountResponse>(ApiWebApp.Json))!.FullName);
    }
}
