using System.Net;
using System.Text.RegularExpressions;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Accounts;

/// <summary>Sign-in, registration and role landing pages, through real HTTP form posts to Kestrel.</summary>
public sealed class AccountTests : IClassFixture<BarberProWebApp>
{
    private const string DemoPassword = "BarberPro2026!";
    private readonly BarberProWebApp _app;

    public AccountTests(BarberProWebApp app) => _app = app;

    [Fact]
    public async Task Dashboard_Anonymous_RedirectsToSignIn()
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync("/inicio");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("owner@barberpro.local", "Turnos hoy")]
    [InlineData("barbero1@barberpro.local", "Tu agenda de hoy")]
    [InlineData("cliente@barberpro.local", "Tus próximos turnos")]
    [InlineData("admin@barberpro.local", "Usuarios por rol")]
    public async Task SignIn_DemoAccount_LandsOnItsRolePage(string email, string expected)
    {
        using var client = _app.CreateBrowserClient();

        var response = await BarberProWebApp.SignInAsync(client, email, DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inicio", response.Headers.Location!.ToString().Replace(_app.BaseAddress.ToString(), "/"));
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/inicio"));
        Assert.Contains(expected, html);
        foreach (var other in new[] { "Turnos hoy", "Tu agenda de hoy", "Tus próximos turnos", "Usuarios por rol" }.Where(o => o != expected))
            Assert.DoesNotContain(other, html);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsSpanishMessage()
    {
        using var client = _app.CreateBrowserClient();

        var response = await BarberProWebApp.SignInAsync(client, "barbero2@barberpro.local", "wrong-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("El email o la contraseña no son correctos.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SignIn_EmptyFields_AskForThemInSpanish()
    {
        using var client = _app.CreateBrowserClient();

        var response = await BarberProWebApp.SignInAsync(client, "", "");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Ingresá tu email.", html);
        Assert.Contains("Ingresá tu contraseña.", html);
    }

    [Fact]
    public async Task SignIn_FiveFailures_LocksTheAccount_EvenForTheRightPassword()
    {
        var email = await CreateCustomerAsync("lockout");
        using var client = _app.CreateBrowserClient();

        for (var i = 0; i < 5; i++)
            await BarberProWebApp.SignInAsync(client, email, "Wrong-password-1");
        var response = await BarberProWebApp.SignInAsync(client, email, DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/cuenta/bloqueada", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inicio")).StatusCode);
    }

    [Fact]
    public async Task Register_ValidCustomer_CreatesAccountCustomerAndRole_AndSignsIn()
    {
        using var client = _app.CreateBrowserClient();

        var response = await RegisterAsync(client, "Ana Suárez", "011 15-4444-5555", "ana@example.com", "Corte-2026");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Tus próximos turnos", WebUtility.HtmlDecode(await client.GetStringAsync("/inicio")));
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("ana@example.com");
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, Roles.Customer));
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var customer = await db.Customers.SingleAsync(c => c.UserId == user.Id);
        Assert.Equal("+5491144445555", customer.Phone);
        Assert.Equal("Ana Suárez", customer.FullName);
    }

    [Theory]
    [InlineData("A", "11 2345-6789", "bad-name@example.com", "Corte-2026", "Ingresá nombre y apellido")]
    [InlineData("Juan Pérez", "12", "bad-phone@example.com", "Corte-2026", "número")]
    [InlineData("Juan Pérez", "11 2345-6789", "not-an-email", "Corte-2026", "Ingresá un email válido")]
    [InlineData("Juan Pérez", "11 2345-6789", "weak@example.com", "short", "al menos 8 caracteres")]
    [InlineData("Juan Pérez", "11 2345-6789", "cliente@barberpro.local", "Corte-2026", "Ya existe una cuenta con ese email")]
    public async Task Register_BadInput_ShowsSpanishErrorAndWritesNothing(string name, string phone, string email, string password, string message)
    {
        using var client = _app.CreateBrowserClient();
        var (users, customers) = await CountsAsync();

        var response = await RegisterAsync(client, name, phone, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal((users, customers), await CountsAsync());
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("http:evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("\\\\evil.example")]
    public async Task SignIn_NonLocalReturnUrl_IsIgnored_AndLandsOnTheRolePage(string returnUrl)
    {
        using var client = _app.CreateBrowserClient();

        var response = await SignInAsync(client, "cliente@barberpro.local", DemoPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inicio", LocalPath(response));
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_GoesBackThere()
    {
        using var client = _app.CreateBrowserClient();

        var response = await SignInAsync(client, "cliente@barberpro.local", DemoPassword, "/local/barberpro-palermo/reservar?servicio=abc&profesional=cualquiera");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/local/barberpro-palermo/reservar?servicio=abc&profesional=cualquiera", LocalPath(response));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("http:evil.example")]
    public async Task Register_NonLocalReturnUrl_IsIgnored_AndLandsOnTheRolePage(string returnUrl)
    {
        using var client = _app.CreateBrowserClient();
        var email = $"return-{Guid.NewGuid():N}@example.com";

        var response = await RegisterAsync(client, "Ana Suárez", "11 2345-6789", email, "Corte-2026", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inicio", LocalPath(response));
        Assert.Contains("Tus próximos turnos", WebUtility.HtmlDecode(await client.GetStringAsync("/inicio")));
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("http:evil.example")]
    [InlineData("/%09/evil.example")]
    public async Task Culture_NonLocalVolver_IsIgnored_AndGoesHome_StillSwitchingTheLanguage(string volver)
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync($"/cultura?c=en&volver={volver}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", LocalPath(response));
        Assert.Contains("Sign in", WebUtility.HtmlDecode(await client.GetStringAsync("/cuenta/ingresar")));
    }

    [Fact]
    public async Task Culture_LocalVolver_GoesBackThere()
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync($"/cultura?c=en&volver={Uri.EscapeDataString("/local/barberpro-palermo?x=1")}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/local/barberpro-palermo?x=1", LocalPath(response));
    }

    [Fact]
    public async Task Register_HaveAccountLink_KeepsTheReturnUrl()
    {
        using var client = _app.CreateBrowserClient();
        const string back = "/local/barberpro-palermo/reservar?servicio=abc&profesional=cualquiera";

        var html = await client.GetStringAsync($"/cuenta/registro?returnUrl={Uri.EscapeDataString(back)}");

        Assert.Contains($"href=\"cuenta/ingresar?returnUrl={WebUtility.HtmlEncode(Uri.EscapeDataString(back))}\"", html);
    }

    [Fact]
    public async Task Register_HaveAccountLink_DropsANonLocalReturnUrl()
    {
        using var client = _app.CreateBrowserClient();

        var html = await client.GetStringAsync($"/cuenta/registro?returnUrl={Uri.EscapeDataString("//evil.example/x")}");

        Assert.DoesNotContain("cuenta/ingresar?returnUrl", html);
        Assert.Contains("href=\"cuenta/ingresar\"", html);
    }

    [Fact]
    public async Task Register_EmailTaken_OffersSignInAsALink_KeepingTheReturnUrl()
    {
        const string back = "/local/barberpro-palermo/reservar?servicio=abc";

        var html = await RegisterPageAsync("Juan Pérez", "11 2345-6789", "cliente@barberpro.local", "Corte-2026", returnUrl: back);

        Assert.Matches($"<a [^>]*href=\"cuenta/ingresar\\?returnUrl={Regex.Escape(Uri.EscapeDataString(back))}\"[^>]*>¿Querés ingresar\\?</a>", html);
    }

    [Theory]
    [InlineData("Juan Pérez", "11 2345-6789", "secret-weak@example.com", "secretito")]      // weak password
    [InlineData("Juan Pérez", "11 2345-6789", "cliente@barberpro.local", "Secreto-Unico-2026")]  // email taken
    [InlineData("J", "12", "not-an-email", "Secreto-Unico-2026")]                           // everything else wrong
    public async Task Register_Failed_NeverSendsThePasswordBack(string name, string phone, string email, string password)
    {
        using var client = _app.CreateBrowserClient();

        var response = await RegisterAsync(client, name, phone, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Revisá los datos marcados.", WebUtility.HtmlDecode(body));
        Assert.DoesNotContain(password, body);
        Assert.Contains(email, WebUtility.HtmlDecode(body));  // what is not secret stays typed
    }

    [Theory]
    [InlineData("barbero2@barberpro.local", "Secreto-Equivocado-1")]
    [InlineData("", "Secreto-Sin-Email-1")]
    public async Task SignIn_Failed_NeverSendsThePasswordBack(string email, string password)
    {
        using var client = _app.CreateBrowserClient();

        var response = await BarberProWebApp.SignInAsync(client, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(password, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_EmptyForm_ShowsOneMessagePerField()
    {
        var html = await RegisterPageAsync("", "", "", "");

        Assert.Equal(4, Regex.Matches(html, "class=\"validation-message\"").Count);
        Assert.Contains("Ingresá una contraseña.", html);
        Assert.DoesNotContain("al menos", html);
    }

    [Fact]
    public async Task Register_WeakPassword_InEnglish_ShowsTheRulesInEnglish()
    {
        var html = await RegisterPageAsync("Juan Pérez", "11 2345-6789", "english-weak@example.com", "short", english: true);

        Assert.Contains("at least 8 characters", html);
        Assert.Contains("uppercase", html);
        Assert.DoesNotContain("al menos", html);
        Assert.DoesNotContain("La contraseña", html);
    }

    [Fact]
    public async Task Register_EmptyForm_InEnglish_AsksForThePasswordInEnglish()
    {
        var html = await RegisterPageAsync("", "", "", "", english: true);

        Assert.Contains("Enter a password.", html);
        Assert.DoesNotContain("Ingresá", html);
    }

    private string LocalPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri && location.GetLeftPart(UriPartial.Authority) == _app.BaseAddress.GetLeftPart(UriPartial.Authority)
            ? location.PathAndQuery
            : location.OriginalString;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl)
    {
        var path = $"/cuenta/ingresar?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    private async Task<(int Users, int Customers)> CountsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return (await db.Users.CountAsync(), await db.Customers.CountAsync());
    }

    private async Task<string> CreateCustomerAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        using var client = _app.CreateBrowserClient();
        var response = await RegisterAsync(client, "Prueba " + name, "11 2345-6789", email, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return email;
    }

    /// <summary>Posts the registration form from a fresh browser, switched to English first if asked; the page it answers, decoded.</summary>
    private async Task<string> RegisterPageAsync(string name, string phone, string email, string password, string? returnUrl = null, bool english = false)
    {
        using var client = _app.CreateBrowserClient();
        if (english)
            await client.GetAsync("/cultura?c=en&volver=/cuenta/registro");
        var response = await RegisterAsync(client, name, phone, email, password, returnUrl);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string name, string phone, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/cuenta/registro" : $"/cuenta/registro?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.FullName"] = name,
            ["Input.Phone"] = phone,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }
}
