using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime.Testing;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 with a fresh SQLite file and the demo data, like <see cref="BarberProWebApp"/>,
/// for API tests: bearer-token clients, the demo shop's ids, and customers made on the spot. Rate limits are set so high
/// that tests sharing an instance never meet them; a subclass may change any setting (<see cref="Settings"/>).
/// </summary>
public class ApiWebApp : BarberProWebApp
{
    public const string DemoPassword = "BarberPro2026!";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private DemoIds? _demo;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Token:PerIp"] = "100000",
        ["RateLimiting:Token:PerUser"] = "100000",
        ["RateLimiting:Bookings:PerIp"] = "100000",
        ["RateLimiting:Bookings:PerUser"] = "100000",
    };

    /// <summary>A client over the network, without cookies or redirects, sending <paramref name="token"/> as a bearer token.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token from POST /api/v1/auth/token, once per account.</summary>
    public async Task<string> TokenAsync(string email, string password = DemoPassword)
    {
        if (_tokens.TryGetValue(email, out var cached))
            return cached;
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email, password, code = email == DemoAdminEmail ? Totp.Now(DemoAdminAuthenticatorKey) : null });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>(Json))!.AccessToken;
        return _tokens[email] = token;
    }

    public async Task<HttpClient> ClientForAsync(string email) => Client(await TokenAsync(email));

    /// <summary>The demo shop's ids, read over the API.</summary>
    public async Task<DemoIds> DemoAsync()
    {
        if (_demo is not null)
            return _demo;
        using var client = Client();
        var shop = (await client.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", Json))!;
        Guid Provider(string name) => shop.Providers.Single(p => p.DisplayName == name).Id;
        Guid Service(string name) => shop.Services.Single(s => s.Name == name).Id;
        return _demo = new DemoIds(shop.Id, Provider("Diego"), Provider("Fede"), Provider("Nacho"), Service("Corte"), Service("Barba"), Service("Color"));
    }

    /// <summary>
    /// A new customer account (user, Customer role, customer record) made directly through the app's services, and a
    /// token from the app's own issuer: fast enough to make dozens. No password: it cannot use POST /auth/token.
    /// </summary>
    public async Task<(string UserId, string Token)> NewCustomerAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, FullName = "Cliente " + name, PhoneNumber = "+5491123456789" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Customer)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        db.Customers.Add(new Customer("Cliente " + name, "11 2345-6789", email, user.Id));
        await db.SaveChangesAsync();
        var (token, _) = scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().Issue(user, [Roles.Customer]);
        return (user.Id, token);
    }

    /// <summary>"2027-01-05T10:00:00-03:00": a wall-clock time in Buenos Aires as the API writes it.</summary>
    public static string At(LocalDate date, int hour, int minute = 0) =>
        TestAgenda.Local(date.At(new LocalTime(hour, minute))).InZone(TestAgenda.BuenosAires).ToOffsetDateTime()
            .ToString("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Ids of "BarberPro Palermo": Diego, Fede and Nacho (barbero1..3), and three of its services.</summary>
public sealed record DemoIds(Guid ShopId, Guid Diego, Guid Fede, Guid Nacho, Guid Corte, Guid Barba, Guid Color);

/// <summary>Reading problem documents in tests.</summary>
public static class ProblemAssert
{
    /// <summary>Asserts the status, the problem+json content type and a Spanish detail; returns the document.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (code is not null)
            Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    /// <summary>Asserts a 422 validation problem that names <paramref name="fields"/>.</summary>
    public static async Task<JsonElement> IsValidationAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, $"No error for '{field}' in {errors}");
        return problem;
    }
}
