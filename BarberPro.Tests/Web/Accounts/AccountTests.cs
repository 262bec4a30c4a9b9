using System.Net;
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

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string name, string phone, string email, string password)
    {
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, "/cuenta/registro");
        return await client.PostAsync("/cuenta/registro", new FormUrlEncodedContent(new Dictionary<string, string>
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
