using System.Net;
using System.Text.RegularExpressions;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Accounts;

/// <summary>
/// "¿Olvidaste tu contraseña?", the reset link and email confirmation, through real form posts to Kestrel; the messages
/// are rows of the notifications outbox (the sender delivers them).
/// </summary>
public sealed class AccountEmailTests : IClassFixture<BarberProWebApp>
{
    private readonly BarberProWebApp _app;

    public AccountEmailTests(BarberProWebApp app) => _app = app;

    [Fact]
    public async Task SignInPage_LinksToForgotPassword()
    {
        using var client = _app.CreateBrowserClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/cuenta/ingresar"));

        Assert.Matches("<a [^>]*href=\"cuenta/olvide-mi-contrasena\"[^>]*>¿Olvidaste tu contraseña\\?</a>", html);
    }

    [Fact]
    public async Task ForgotPassword_ThenTheLink_ChangesThePassword()
    {
        var (userId, email) = await StaffAccountsForTests.NewUserAsync(_app.Services, "olvido", Roles.Customer);
        using var client = _app.CreateBrowserClient();

        var page = await PostForgotAsync(client, email);

        Assert.Contains("Si hay una cuenta con ese email, te mandamos un enlace", page);
        var row = Assert.Single(await RowsToAsync(email));
        Assert.Equal(NotificationKind.AccountPasswordReset, row.Kind);
        Assert.Equal(NotificationChannel.Email, row.Channel);
        Assert.Equal(NotificationStatus.Due, row.Status);
        Assert.Equal(userId, row.UserId);
        Assert.Equal(_app.Clock.GetCurrentInstant(), row.DueAt);
        Assert.StartsWith($"reset:{userId}:", row.Key);
        Assert.Equal("Restablecé tu contraseña de BarberPro", row.Subject);
        var link = LinkIn(row.Body);
        Assert.StartsWith(_app.BaseAddress + "cuenta/restablecer?", link);

        var done = await PostResetAsync(client, link, "Nueva-Clave-2026");

        Assert.Contains("Listo: tu contraseña cambió.", done);
        using var fresh = _app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(fresh, email, "Nueva-Clave-2026"), "/inicio"));
        using var old = _app.CreateBrowserClient();
        var refused = await BarberProWebApp.SignInAsync(old, email, StaffAccountsForTests.Password);
        Assert.Contains("El email o la contraseña no son correctos.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        // The link was used: a second use is refused and changes nothing.
        var again = await PostResetAsync(client, link, "Otra-Clave-2026");
        Assert.Contains("no es válido o ya venció", again);
        using var after = _app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(after, email, "Nueva-Clave-2026"), "/inicio"));
    }

    [Fact]
    public async Task ForgotPassword_UnknownEmail_SameAnswer_NoMessage()
    {
        var email = $"nadie-{Guid.NewGuid():N}@example.com";
        var before = await CountAsync();
        using var client = _app.CreateBrowserClient();

        var page = await PostForgotAsync(client, email);

        Assert.Contains("Si hay una cuenta con ese email, te mandamos un enlace", page);
        Assert.Empty(await RowsToAsync(email));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ResetRequests_QueueOneMailPerUserEveryFiveMinutes()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(_app.Services, "insistente", Roles.Customer);
        using var client = _app.CreateBrowserClient();

        var first = await PostForgotAsync(client, email);
        var second = await PostForgotAsync(client, email);

        // The same answer each time; the first link still works, so the second request needs no second mail.
        Assert.Equal(Sent(first), Sent(second));
        Assert.Single(await RowsToAsync(email));
        _app.Clock.Advance(Duration.FromMinutes(5));
        await PostForgotAsync(client, email);
        Assert.Equal(2, (await RowsToAsync(email)).Count);
    }

    [Fact]
    public async Task AnAccountMailOnceSent_NoLongerKeepsItsLink()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(_app.Services, "enlace-borrado", Roles.Customer);
        using var client = _app.CreateBrowserClient();
        await PostForgotAsync(client, email);
        var queued = Assert.Single(await RowsToAsync(email));
        Assert.Contains("token=", queued.Body);

        await _app.Services.GetRequiredService<NotificationSender>().SendDueAsync();

        var sent = Assert.Single(await RowsToAsync(email));
        Assert.Equal(NotificationStatus.Sent, sent.Status);
        Assert.DoesNotContain("token=", sent.Body);
        Assert.DoesNotContain("http", sent.Body);
        Assert.Contains("[enlace quitado]", sent.Body);
        Assert.Contains("Pediste restablecer tu contraseña", sent.Body);
    }

    private static string Sent(string page) => Regex.Match(page, "data-testid=\"forgot-sent\"[^>]*>[^<]*").Value;

    [Fact]
    public async Task ResetPassword_BadToken_SpanishError_PasswordUnchanged()
    {
        var (userId, email) = await StaffAccountsForTests.NewUserAsync(_app.Services, "token-malo", Roles.Customer);
        using var client = _app.CreateBrowserClient();
        var forged = $"{_app.BaseAddress}cuenta/restablecer?userId={userId}&token=" + Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("no-es-un-token"u8.ToArray());

        var page = await PostResetAsync(client, forged, "Nueva-Clave-2026");

        Assert.Contains("El enlace para restablecer la contraseña no es válido o ya venció. Pedí uno nuevo.", page);
        using var fresh = _app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(fresh, email, StaffAccountsForTests.Password), "/inicio"));
        using var withNew = _app.CreateBrowserClient();
        Assert.False(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(withNew, email, "Nueva-Clave-2026"), "/inicio"));
    }

    [Fact]
    public async Task ResetPassword_WeakPassword_IdentityRulesInSpanish()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(_app.Services, "debil", Roles.Customer);
        using var client = _app.CreateBrowserClient();
        await PostForgotAsync(client, email);
        var link = LinkIn(Assert.Single(await RowsToAsync(email)).Body);

        var page = await PostResetAsync(client, link, "corta");

        Assert.Contains("8 caracteres", page);
        using var fresh = _app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(fresh, email, StaffAccountsForTests.Password), "/inicio"));
    }

    [Fact]
    public async Task Register_SendsAConfirmationLink_ThatConfirmsTheEmail()
    {
        var email = $"nuevo-{Guid.NewGuid():N}@example.com";
        using var client = _app.CreateBrowserClient();
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, "/cuenta/registro");
        var registered = await client.PostAsync("/cuenta/registro", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.FullName"] = "Nuevo Cliente",
            ["Input.Phone"] = "11 2345-6789",
            ["Input.Email"] = email,
            ["Input.Password"] = "Corte-2026",
        }));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var row = Assert.Single(await RowsToAsync(email));
        Assert.Equal(NotificationKind.AccountEmailConfirmation, row.Kind);
        Assert.Equal(NotificationChannel.Email, row.Channel);
        var link = LinkIn(row.Body);
        Assert.StartsWith(_app.BaseAddress + "cuenta/confirmar-email?", link);
        Assert.False(await EmailConfirmedAsync(email));

        var forged = WebUtility.HtmlDecode(await client.GetStringAsync(Regex.Replace(link, "token=[^&]+", "token=AAAA")));
        Assert.Contains("El enlace de confirmación no es válido o ya venció.", forged);
        Assert.False(await EmailConfirmedAsync(email));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(link));

        Assert.Contains("Tu email quedó confirmado.", page);
        Assert.True(await EmailConfirmedAsync(email));
    }

    internal static string LinkIn(string body) => Regex.Match(body, @"https?://\S+").Value;

    internal static async Task<string> PostForgotAsync(HttpClient client, string email)
    {
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, "/cuenta/olvide-mi-contrasena");
        var response = await client.PostAsync("/cuenta/olvide-mi-contrasena", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "forgot-password",
            ["Input.Email"] = email,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> PostResetAsync(HttpClient client, string link, string password)
    {
        var path = new Uri(link).PathAndQuery;
        var html = await client.GetStringAsync(path);
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "reset-password",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        };
        if (match.Success)
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(match.Groups[1].Value);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private Task<List<Notification>> RowsToAsync(string email) => RowsToAsync(_app, email);

    internal static async Task<List<Notification>> RowsToAsync(BarberProWebApp app, string email)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.Recipient == email).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return await db.Notifications.CountAsync();
    }

    private async Task<bool> EmailConfirmedAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.EmailConfirmed;
    }
}
