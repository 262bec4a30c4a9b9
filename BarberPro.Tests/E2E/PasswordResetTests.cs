using System.Globalization;
using System.Text.RegularExpressions;
using BarberPro.Domain.Notifications;
using BarberPro.Tests.TestSupport;
using BarberPro.Tests.Web.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>The app with its email channel pointed at a real SMTP server on loopback, started with the app.</summary>
public sealed class MailBrowserFixture : BrowserFixture
{
    public LoopbackSmtpServer Smtp { get; private set; } = null!;

    protected override BarberProWebApp CreateApp()
    {
        Smtp = LoopbackSmtpServer.Start();
        return new MailWebApp(Smtp.Port);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private sealed class MailWebApp(int smtpPort) : BarberProWebApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:UseTls"] = "false",
            ["Notifications:Email:From"] = "BarberPro <turnos@barberpro.test>",
        };
    }
}

/// <summary>
/// "¿Olvidaste tu contraseña?" end to end on a phone: the customer asks for a link, the notifications sender delivers the
/// email to the loopback SMTP server (the test runs the sender's pass rather than wait for its schedule), the test reads
/// the mail and follows the link like the customer would, sets a new password and signs in with it.
/// </summary>
public sealed class PasswordResetTests(MailBrowserFixture browser) : IClassFixture<MailBrowserFixture>
{
    [Fact]
    public async Task Customer_ResetsTheirPassword_WithTheLinkFromTheEmail()
    {
        const string email = "cliente@barberpro.local";
        const string newPassword = "NuevaClave2026!";
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/cuenta/ingresar");
        // The sign-in page links to the request form; open it as a full page load (an enhanced navigation may patch the
        // form in after the URL changed, wiping what was typed).
        await Expect(page.Locator("[data-testid=forgot-password]")).ToHaveAttributeAsync("href", "cuenta/olvide-mi-contrasena");
        await page.GotoAsync("/cuenta/olvide-mi-contrasena");
        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-testid=forgot-sent]")).ToBeVisibleAsync();

        // The app's own recurring pass may get there first; either way the mail reaches the server once.
        await browser.App.Services.GetRequiredService<NotificationSender>().SendDueAsync();
        var mail = await browser.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email));
        Assert.Single(browser.Smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == email));
        Assert.Contains("contraseña", mail.Subject, StringComparison.OrdinalIgnoreCase);
        var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/cuenta/restablecer\S*").Value;
        Assert.StartsWith(browser.App.BaseAddress.ToString().TrimEnd('/'), link);

        await page.GotoAsync(link);
        await page.FillAsync("#password", newPassword);
        await page.FillAsync("#confirm", newPassword);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-testid=reset-done]")).ToBeVisibleAsync();

        var again = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(again, email, newPassword);
        Assert.DoesNotContain("/cuenta/ingresar", again.Url);
    }
}
