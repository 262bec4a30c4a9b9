using System.Net;
using System.Text.RegularExpressions;
using BarberPro.Domain.Accounts;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Accounts;

/// <summary>
/// Two-factor sign-in for staff through real HTTP form posts to Kestrel: enrolment on the security page, the second
/// sign-in step with a code computed here from the shared key (RFC 6238), recovery codes, and who is made to enrol.
/// </summary>
public sealed partial class TwoFactorTests(BarberProWebApp app) : IClassFixture<BarberProWebApp>
{
    private const string Password = StaffAccountsForTests.Password;

    [Fact]
    public async Task Enrol_WithTheCodeFromTheShownKey_ThenSignIn_AsksForTheCode_RefusesAWrongOne_AcceptsTheRightOne()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "enrol", Roles.Provider);
        using var client = app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(client, email, Password), "/inicio"));

        var securityPage = await client.GetAsync("/cuenta/seguridad");
        Assert.True(securityPage.Headers.CacheControl?.NoStore);
        var page = await HtmlAsync(securityPage);
        var shownKey = KeyShown().Match(page).Groups[1].Value;
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shownKey);
        var key = shownKey.Replace(" ", "").ToUpperInvariant();
        Assert.Contains($"otpauth://totp/BarberPro:{Uri.EscapeDataString(email)}?secret={key}&amp;issuer=BarberPro", await client.GetStringAsync("/cuenta/seguridad"));
        Assert.Contains("<svg", page);

        var wrong = await PostFormAsync(client, "/cuenta/seguridad", "two-factor-enable", ("Enable.Code", Totp.Wrong(key)));
        Assert.Contains("El código no es correcto", await HtmlAsync(wrong));
        var enabled = await PostFormAsync(client, "/cuenta/seguridad", "two-factor-enable", ("Enable.Code", Totp.Now(key)));
        var enabledHtml = await HtmlAsync(enabled);
        Assert.Contains("la verificación en dos pasos está activa", enabledHtml);
        Assert.Equal(10, RecoveryCodes(enabledHtml).Count);
        Assert.Empty(RecoveryCodes(await GetHtmlAsync(client, "/cuenta/seguridad")));

        using var again = app.CreateBrowserClient();
        var first = await BarberProWebApp.PostSignInFormAsync(again, email, Password);
        Assert.True(BarberProWebApp.IsRedirectTo(first, "/cuenta/dos-pasos"), first.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/inicio")).StatusCode);
        var refused = await BarberProWebApp.PostTwoFactorCodeAsync(again, first.Headers.Location!, Totp.Wrong(key));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("El código no es correcto", await HtmlAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/inicio")).StatusCode);
        var accepted = await BarberProWebApp.PostTwoFactorCodeAsync(again, first.Headers.Location!, Totp.Now(key));
        Assert.True(BarberProWebApp.IsRedirectTo(accepted, "/inicio"), accepted.Headers.Location?.ToString());
        Assert.Contains("Tu agenda de hoy", await GetHtmlAsync(again, "/inicio"));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndNeverAgain()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "recovery", Roles.Owner);
        var (_, codes) = await StaffAccountsForTests.EnrolAsync(app.Services, email);

        using var client = app.CreateBrowserClient();
        var step = await BarberProWebApp.PostSignInFormAsync(client, email, Password);
        var used = await BarberProWebApp.PostTwoFactorCodeAsync(client, step.Headers.Location!, codes[3].ToLowerInvariant().Replace("-", " "));
        Assert.True(BarberProWebApp.IsRedirectTo(used, "/inicio"), used.Headers.Location?.ToString());
        Assert.Contains("9 códigos de recuperación", await GetHtmlAsync(client, "/cuenta/seguridad"));

        using var later = app.CreateBrowserClient();
        var secondStep = await BarberProWebApp.PostSignInFormAsync(later, email, Password);
        var reused = await BarberProWebApp.PostTwoFactorCodeAsync(later, secondStep.Headers.Location!, codes[3]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("El código no es correcto", await HtmlAsync(reused));
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostTwoFactorCodeAsync(later, secondStep.Headers.Location!, codes[4]), "/inicio"));
    }

    [Fact]
    public async Task RegenerateCodes_ShowsTenNewOnes_AndTheOldOnesStopWorking()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "regen", Roles.Provider);
        var (key, oldCodes) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var client = app.CreateBrowserClient();
        var step = await BarberProWebApp.PostSignInFormAsync(client, email, Password);
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostTwoFactorCodeAsync(client, step.Headers.Location!, Totp.Now(key)), "/inicio"));

        var regenerated = await HtmlAsync(await PostFormAsync(client, "/cuenta/seguridad", "two-factor-codes"));

        var newCodes = RecoveryCodes(regenerated);
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        using var later = app.CreateBrowserClient();
        var secondStep = await BarberProWebApp.PostSignInFormAsync(later, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await BarberProWebApp.PostTwoFactorCodeAsync(later, secondStep.Headers.Location!, oldCodes[0])).StatusCode);
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostTwoFactorCodeAsync(later, secondStep.Headers.Location!, newCodes[0]), "/inicio"));
    }

    [Fact]
    public async Task Disable_NeedsACurrentCode_ThenThePasswordIsEnoughAgain()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "disable", Roles.Provider);
        var (key, _) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var client = app.CreateBrowserClient();
        var step = await BarberProWebApp.PostSignInFormAsync(client, email, Password);
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostTwoFactorCodeAsync(client, step.Headers.Location!, Totp.Now(key)), "/inicio"));

        Assert.Contains("El código no es correcto", await HtmlAsync(await PostFormAsync(client, "/cuenta/seguridad", "two-factor-disable", ("Disable.Code", Totp.Wrong(key)))));
        Assert.Contains("quedó desactivada", await HtmlAsync(await PostFormAsync(client, "/cuenta/seguridad", "two-factor-disable", ("Disable.Code", Totp.Now(key)))));

        using var later = app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostSignInFormAsync(later, email, Password), "/inicio"));
    }

    [Fact]
    public async Task RememberThisDevice_SkipsTheCodeNextTime_OnThatDeviceOnly()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "remember", Roles.Provider);
        var (key, _) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var device = app.CreateBrowserClient();
        var step = await BarberProWebApp.PostSignInFormAsync(device, email, Password);
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostTwoFactorCodeAsync(device, step.Headers.Location!, Totp.Now(key), rememberDevice: true), "/inicio"));
        await SignOutAsync(device);

        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostSignInFormAsync(device, email, Password), "/inicio"));
        using var otherDevice = app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.PostSignInFormAsync(otherDevice, email, Password), "/cuenta/dos-pasos"));
    }

    [Fact]
    public async Task SecondStep_WithoutAPassword_GoesBackToSignIn()
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/cuenta/dos-pasos");

        Assert.True(BarberProWebApp.IsRedirectTo(response, "/cuenta/ingresar"), response.Headers.Location?.ToString());
    }

    [GeneratedRegex("<kbd class=\"authenticator-key[^\"]*\"[^>]*>([^<]+)</kbd>")]
    private static partial Regex KeyShown();

    [GeneratedRegex("<li[^>]*><code[^>]*>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();

    private static IReadOnlyList<string> RecoveryCodes(string html) => RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<string> GetHtmlAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return await HtmlAsync(response);
    }

    /// <summary>Posts one of a static page's forms (by its FormName) with its anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, params (string Name, string Value)[] fields)
    {
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, path);
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = formName };
        foreach (var (name, value) in fields)
            values[name] = value;
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    private static async Task SignOutAsync(HttpClient client)
    {
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, "/cuenta/seguridad");
        var response = await client.PostAsync("/cuenta/salir", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inicio")).StatusCode);
    }
}
