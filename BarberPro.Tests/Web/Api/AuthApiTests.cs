using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>POST /api/v1/auth/register and /token over HTTP: accounts, tokens, lockout, and what a missing token gets.</summary>
public sealed class AuthApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    [Fact]
    public async Task Register_NewCustomer_Is201_AndCanGetAToken()
    {
        using var client = app.Client();
        var email = $"ana-{Guid.NewGuid():N}@example.com";

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("Ana Suárez", email, "011 15-4444-5555", "Corte-2026"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = (await response.Content.ReadFromJsonAsync<AccountResponse>(ApiWebApp.Json))!;
        Assert.Equal(email, account.Email);
        Assert.Equal("+5491144445555", account.Phone);
        Assert.Equal(["Customer"], account.Roles);
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Corte-2026"));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Theory]
    [InlineData("Juan Pérez", "11 2345-6789", "weak-{0}@example.com", "short", "password")]
    [InlineData("Juan Pérez", "12", "phone-{0}@example.com", "Corte-2026", "phone")]
    [InlineData("Juan Pérez", "11 2345-6789", "cliente@barberpro.local", "Corte-2026", "email")]
    [InlineData("J", "11 2345-6789", "name-{0}@example.com", "Corte-2026", "fullName")]
    public async Task Register_BadInput_Is422_WithTheFailingField(string name, string phone, string email, string password, string field)
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(name, string.Format(email, Guid.NewGuid().ToString("N")), phone, password));

        await ProblemAssert.IsValidationAsync(response, field);
    }

    [Fact]
    public async Task Register_EverythingWrong_ListsEveryField()
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("", "nope", "abc", "x"));

        var problem = await ProblemAssert.IsValidationAsync(response, "fullName", "email", "phone", "password");
        Assert.Contains("contraseña", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_DemoOwner_CarriesRolesAndAnExpiryWithOffset()
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("owner@barberpro.local", ApiWebApp.DemoPassword));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Matches("\"expiresAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-03:00\"", raw);
        var token = System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(raw, ApiWebApp.Json)!;
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(["Owner"], token.Roles);
        // Short-lived: the mobile app renews it with its refresh token.
        Assert.InRange(token.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.False(string.IsNullOrEmpty(token.RefreshToken));
    }

    [Fact]
    public async Task Token_WrongPassword_Is401Problem()
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("barbero3@barberpro.local", "wrong-password"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Assert.Equal("El email o la contraseña no son correctos.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_UnknownEmail_Is401_LikeAWrongPassword()
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("nobody@example.com", "Whatever-2026"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Token_MissingFields_Is422()
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "" });

        await ProblemAssert.IsValidationAsync(response, "email", "password");
    }

    [Fact]
    public async Task Token_FiveWrongPasswords_LockTheAccount_EvenForTheRightOne()
    {
        using var client = app.Client();
        var email = $"lock-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("Lock Out", email, "11 2345-6789", "Corte-2026"))).StatusCode);

        for (var i = 0; i < 4; i++)
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Wrong-2026")), HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var fifth = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Wrong-2026"));
        var right = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Corte-2026"));

        await ProblemAssert.IsProblemAsync(fifth, HttpStatusCode.Unauthorized, "auth.locked_out");
        var problem = await ProblemAssert.IsProblemAsync(right, HttpStatusCode.Unauthorized, "auth.locked_out");
        Assert.Contains("bloqueada", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ProtectedEndpoint_WithoutToken_Is401Problem_WithBearerChallenge()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/api/v1/bookings");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "auth.required");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ProtectedEndpoint_WithForgedToken_Is401()
    {
        var real = await app.TokenAsync("cliente@barberpro.local");
        var parts = real.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        using var client = app.Client(forged);

        var response = await client.GetAsync("/api/v1/bookings");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task ProtectedEndpoint_WithTheSignInCookieOnly_Is401_NotARedirectToTheSignInPage()
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var signIn = await BarberProWebApp.SignInAsync(browser, "cliente@barberpro.local", ApiWebApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/inicio")).StatusCode);

        var response = await browser.GetAsync("/api/v1/bookings");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Pages_StillRedirectToSignIn_WithoutACookie()
    {
        using var client = app.Client();

        var response = await client.GetAsync("/inicio");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", response.Headers.Location!.PathAndQuery);
    }
}
