using System.Net;
using BarberPro.Domain.Accounts;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Accounts;

/// <summary>Who must use two-factor sign-in: admins always, a shop's staff when its owner asks for it, customers never.</summary>
public sealed partial class TwoFactorTests
{
    /// <summary>Pages an admin may open; until enrolled each one sends them to the security page.</summary>
    private static readonly string[] AdminPages = ["/inicio", "/", "/local/agenda", "/admin/local", "/admin/equipo", "/admin/servicios", "/admin/usuarios"];

    [Fact]
    public async Task Admin_WithoutTwoFactor_IsSentToEnrolment_AndCanOpenNothingElse_UntilEnrolled()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "admin", Roles.Admin);
        using var client = app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(client, email, Password), "/inicio"));

        foreach (var path in AdminPages)
            Assert.True(BarberProWebApp.IsRedirectTo(await client.GetAsync(path), "/cuenta/seguridad"), path);
        var page = await GetHtmlAsync(client, "/cuenta/seguridad");
        Assert.Contains("Tu cuenta tiene que usar verificación en dos pasos", page);

        var key = KeyShown().Match(page).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        var enabled = await HtmlAsync(await PostFormAsync(client, "/cuenta/seguridad", "two-factor-enable", ("Enable.Code", Totp.Now(key))));
        Assert.Equal(10, RecoveryCodes(enabled).Count);
        Assert.Contains("Usuarios por rol", await GetHtmlAsync(client, "/inicio"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/usuarios")).StatusCode);
        // An admin may not turn it off again.
        var security = await GetHtmlAsync(client, "/cuenta/seguridad");
        Assert.Contains("no se puede desactivar", security);
        Assert.DoesNotContain("two-factor-disable", security);
    }

    [Fact]
    public async Task OwnerRequirement_AppliesToTheirShopsStaff_NotToAnotherShops()
    {
        var strict = await StaffAccountsForTests.NewShopAsync(app.Services, "estricto", requireTwoFactor: true);
        var relaxed = await StaffAccountsForTests.NewShopAsync(app.Services, "relajado", requireTwoFactor: false);

        foreach (var email in new[] { strict.BarberEmail, strict.OwnerEmail })
        {
            using var client = app.CreateBrowserClient();
            Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(client, email, Password), "/inicio"));
            Assert.True(BarberProWebApp.IsRedirectTo(await client.GetAsync("/inicio"), "/cuenta/seguridad"), email);
            Assert.Contains("Tu cuenta tiene que usar verificación en dos pasos", await GetHtmlAsync(client, "/cuenta/seguridad"));
        }
        foreach (var email in new[] { relaxed.BarberEmail, relaxed.OwnerEmail })
        {
            using var client = app.CreateBrowserClient();
            Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(client, email, Password), "/inicio"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inicio")).StatusCode);
            Assert.DoesNotContain("Tu cuenta tiene que usar verificación en dos pasos", await GetHtmlAsync(client, "/cuenta/seguridad"));
        }
        // The demo shop did not ask for it either.
        using var demoBarber = app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(demoBarber, "barbero1@barberpro.local", ApiWebApp.DemoPassword), "/inicio"));
        Assert.Contains("Tu agenda de hoy", await GetHtmlAsync(demoBarber, "/inicio"));
    }

    [Fact]
    public async Task Customer_IsNeverAsked_AndHasNoSecurityPage()
    {
        using var client = app.CreateBrowserClient();

        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostSignInFormAsync(client, "cliente@barberpro.local", ApiWebApp.DemoPassword), "/inicio"));

        Assert.Contains("Tus próximos turnos", await GetHtmlAsync(client, "/inicio"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mis-turnos")).StatusCode);
        Assert.True(BarberProWebApp.IsRedirectTo(await client.GetAsync("/cuenta/seguridad"), "/cuenta/acceso-denegado"));
    }

    [Fact]
    public async Task DemoAdmin_WithTwoFactorOn_IsAskedForTheCode()
    {
        using var client = app.CreateBrowserClient();

        var first = await BarberProWebApp.PostSignInFormAsync(client, BarberProWebApp.DemoAdminEmail, ApiWebApp.DemoPassword);

        Assert.True(BarberProWebApp.IsRedirectTo(first, "/cuenta/dos-pasos"), first.Headers.Location?.ToString());
        Assert.True(BarberProWebApp.IsRedirectTo(await client.GetAsync("/admin/usuarios"), "/cuenta/ingresar"));
    }
}
