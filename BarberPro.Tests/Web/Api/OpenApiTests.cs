using System.Net;
using System.Text.Json;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Api;

/// <summary>/openapi/v1.json documents every API endpoint with a summary, examples and its error responses; /docs serves the UI.</summary>
public sealed class OpenApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private static readonly string[] Endpoints =
    [
        "GET /api/health",
        "POST /api/v1/auth/register", "POST /api/v1/auth/token", "POST /api/v1/auth/refresh", "POST /api/v1/auth/revoke",
        "GET /api/v1/shops", "GET /api/v1/shops/{shopId}", "POST /api/v1/shops",
        "GET /api/v1/providers/{providerId}/availability", "GET /api/v1/shops/{shopId}/availability", "POST /api/v1/bookings/advanced/availability/check",
        "POST /api/v1/bookings", "GET /api/v1/bookings", "GET /api/v1/bookings/{id}",
        "POST /api/v1/bookings/{id}/cancel", "POST /api/v1/bookings/{id}/confirm", "POST /api/v1/bookings/{id}/complete",
        "POST /api/v1/bookings/{id}/no-show", "POST /api/v1/bookings/{id}/reschedule",
        "GET /api/v1/bookings/{id}/private-note", "PUT /api/v1/bookings/{id}/private-note",
        "POST /api/v1/shops/{shopId}/services", "PUT /api/v1/services/{serviceId}", "PUT /api/v1/services/{serviceId}/active",
        "POST /api/v1/shops/{shopId}/providers", "GET /api/v1/providers/{providerId}", "PUT /api/v1/providers/{providerId}/services",
        "PUT /api/v1/providers/{providerId}/active", "PUT /api/v1/providers/{providerId}/working-hours",
        "PUT /api/v1/providers/{providerId}/date-overrides/{date}", "DELETE /api/v1/providers/{providerId}/date-overrides/{date}",
        "POST /api/v1/providers/{providerId}/time-off", "DELETE /api/v1/providers/{providerId}/time-off/{timeOffId}",
        "GET /api/v1/shops/{shopId}/closures", "PUT /api/v1/shops/{shopId}/closures/{date}", "DELETE /api/v1/shops/{shopId}/closures/{date}",
        "POST /api/v1/waitlist", "GET /api/v1/waitlist", "POST /api/v1/waitlist/{id}/accept", "POST /api/v1/waitlist/{id}/decline",
        "DELETE /api/v1/waitlist/{id}", "POST /api/v1/waitlist/{id}/offer", "GET /api/v1/shops/{shopId}/waitlist",
        "GET /api/v1/shops/{shopId}/sessions", "POST /api/v1/sessions", "GET /api/v1/sessions/{id}", "POST /api/v1/sessions/{id}/join",
        "POST /api/v1/sessions/{id}/leave", "GET /api/v1/sessions/{id}/participants", "PATCH /api/v1/sessions/{id}", "POST /api/v1/sessions/{id}/cancel",
        "POST /api/v1/bookings/series/preview", "POST /api/v1/bookings/series",
        "GET /api/v1/webhooks/whatsapp", "POST /api/v1/webhooks/whatsapp", "POST /api/v1/webhooks/sms",
        "GET /api/v1/shops/{shopId}/analytics",
        "GET /api/v1/shops/{shopId}/clients", "GET /api/v1/shops/{shopId}/clients.csv", "GET /api/v1/shops/{shopId}/clients/{customerId}",
        "PUT /api/v1/shops/{shopId}/clients/{customerId}/notes", "PUT /api/v1/shops/{shopId}/clients/{customerId}/online-block",
        "POST /api/v1/shops/{shopId}/clients/{customerId}/merge",
        "GET /api/v1/me", "PUT /api/v1/me", "POST /api/v1/me/password", "GET /api/v1/me/data", "POST /api/v1/me/deletion",
    ];

    [Fact]
    public async Task Document_ListsExactlyTheApiEndpoints()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).Select(o => o.Name).Order().ToList();

        Assert.Equal(Endpoints.Order(), operations);
    }

    [Fact]
    public async Task EveryOperation_HasASummary_ItsErrorResponses_AndExamplesForEveryJsonBody()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), name);
            var responses = operation.GetProperty("responses");
            Assert.True(responses.EnumerateObject().Any(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')), $"{name} documents no error response");
            if (operation.TryGetProperty("requestBody", out var body))
                foreach (var media in body.GetProperty("content").EnumerateObject())
                    Assert.True(media.Value.TryGetProperty("example", out _), $"{name} {media.Name} has no request example");
            foreach (var response in responses.EnumerateObject())
            {
                if (!response.Value.TryGetProperty("content", out var content))
                    continue;
                foreach (var media in content.EnumerateObject())
                    Assert.True(media.Value.TryGetProperty("example", out _), $"{name} {response.Name} {media.Name} has no example");
            }
        }
    }

    [Fact]
    public async Task ProtectedOperations_AskForTheBearerToken_AndDocument401_PublicOnesDoNot()
    {
        var document = await DocumentAsync();
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());

        foreach (var (name, operation) in Operations(document))
        {
            var isPublic = name.StartsWith("GET /api/health") || name.Contains("/auth/") || (name.StartsWith("GET /api/v1/shops") && !name.Contains("/closures") && !name.Contains("/waitlist") && !name.Contains("/analytics") && !name.Contains("/clients"))
                || name.EndsWith("/availability") || name.EndsWith("/availability/check")
                || name.Contains("/webhooks/"); // signed by the provider instead of a token
            Assert.True(!isPublic == operation.TryGetProperty("security", out _), name);
            if (!isPublic)
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), name);
        }
    }

    [Fact]
    public async Task CreateBooking_DocumentsConflictWithAlternatives_AsProblemJson()
    {
        var document = await DocumentAsync();

        var responses = document.GetProperty("paths").GetProperty("/api/v1/bookings").GetProperty("post").GetProperty("responses");

        foreach (var status in new[] { "201", "400", "401", "404", "409", "422", "429" })
            Assert.True(responses.TryGetProperty(status, out _), status);
        var conflict = responses.GetProperty("409").GetProperty("content").GetProperty("application/problem+json").GetProperty("example");
        Assert.Equal("slot.taken", conflict.GetProperty("code").GetString());
        Assert.NotEmpty(conflict.GetProperty("alternatives").EnumerateArray());
        var created = responses.GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.EndsWith("-03:00", created.GetProperty("start").GetString());
    }

    [Fact]
    public async Task Docs_ServesTheScalarUi()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("BarberPro API", html);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html);
        // The UI's script ships in the package: nothing is fetched from a CDN.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs/scalar.js")).StatusCode);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));
}
