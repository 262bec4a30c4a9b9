using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Security;

/// <summary>The app with Identity's password hasher wrapped in one that counts verifications.</summary>
public sealed class CountingHasherApp : ApiWebApp
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Hasher);
            services.AddSingleton<IPasswordHasher<AppUser>>(sp => sp.GetRequiredService<CountingPasswordHasher>());
        });
    }
}

/// <summary>Identity's hasher, counting how many passwords it verified.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// An unknown email and a known one with a wrong password cost the same (a password hash is verified either way) and
/// answer the same, before and after the lockout threshold, on the API and the form. Failures count per account and
/// device: an attacker elsewhere locks the account for unknown devices, not for a device the user already signed in on.
/// </summary>
public sealed class CredentialCheckTests(CountingHasherApp app) : IClassFixture<CountingHasherApp>
{
    [Fact]
    public async Task Token_UnknownEmail_VerifiesAPasswordHash_LikeAKnownOne()
    {
        using var client = app.Client();
        var email = await NewAccountAsync("hash");

        var before = app.Hasher.Verifications;
        await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest($"nobody-{Guid.NewGuid():N}@example.com", "Wrong-2026"));
        var afterUnknown = app.Hasher.Verifications;
        await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Wrong-2026"));
        var afterKnown = app.Hasher.Verifications;

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterKnown - afterUnknown);
    }

    [Fact]
    public async Task Token_UnknownAndKnownWrong_AnswerTheSame_ForEachOfSevenAttempts()
    {
        using var client = app.Client();
        var known = await NewAccountAsync("same");
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        for (var i = 1; i <= 7; i++)
        {
            var before = app.Hasher.Verifications;
            var a = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(known, "Wrong-2026"));
            var middle = app.Hasher.Verifications;
            var b = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(unknown, "Wrong-2026"));
            var after = app.Hasher.Verifications;

            Assert.Equal(a.StatusCode, b.StatusCode);
            Assert.Equal(await Comparable(a), await Comparable(b));
            Assert.True(middle - before == after - middle, $"Attempt {i}: known verified {middle - before} hashes, unknown {after - middle}");
            Assert.Equal(1, after - middle);
            if (i >= 5)
                await ProblemAssert.IsProblemAsync(b, HttpStatusCode.Unauthorized, "auth.locked_out");
        }
    }

    [Fact]
    public async Task SignInForm_UnknownAndKnownWrong_AnswerTheSame_ForEachOfSevenAttempts()
    {
        using var known = app.CreateBrowserClient();
        using var unknown = app.CreateBrowserClient();
        var knownEmail = await NewAccountAsync("form");
        var unknownEmail = $"nobody-{Guid.NewGuid():N}@example.com";

        for (var i = 1; i <= 7; i++)
        {
            var a = await BarberProWebApp.SignInAsync(known, knownEmail, "Wrong-2026");
            var b = await BarberProWebApp.SignInAsync(unknown, unknownEmail, "Wrong-2026");

            Assert.Equal(a.StatusCode, b.StatusCode);
            Assert.Equal(a.Headers.Location, b.Headers.Location);
            Assert.Equal(Scrub(await a.Content.ReadAsStringAsync(), knownEmail), Scrub(await b.Content.ReadAsStringAsync(), unknownEmail));
            if (i >= 5)
                Assert.EndsWith("/cuenta/bloqueada", b.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task AttackerLocksTheAccount_TheUsersKnownDeviceStillSignsIn_AnUnknownDeviceIsRefused()
    {
        var email = await NewAccountAsync("victim");
        using var phone = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(phone, email, "Corte-2026")).StatusCode);

        using var attacker = app.Client();
        for (var i = 0; i < 6; i++)
            await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Guess-2026"));
        await ProblemAssert.IsProblemAsync(await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Corte-2026")),
            HttpStatusCode.Unauthorized, "auth.locked_out");

        using var strangerBrowser = app.CreateBrowserClient();
        var stranger = await BarberProWebApp.SignInAsync(strangerBrowser, email, "Corte-2026");
        Assert.EndsWith("/cuenta/bloqueada", stranger.Headers.Location!.ToString());

        var again = await BarberProWebApp.SignInAsync(phone, email, "Corte-2026");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.EndsWith("/inicio", again.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/inicio")).StatusCode);
        // The same device's cookie is honoured by the API's token endpoint too.
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Corte-2026"))).StatusCode);
    }

    [Fact]
    public async Task KnownDevice_HasItsOwnLimit_FiveWrongPasswordsThereLockItToo()
    {
        var email = await NewAccountAsync("device");
        using var phone = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(phone, email, "Corte-2026")).StatusCode);

        for (var i = 0; i < 5; i++)
            await BarberProWebApp.SignInAsync(phone, email, "Guess-2026");
        var right = await BarberProWebApp.SignInAsync(phone, email, "Corte-2026");

        Assert.EndsWith("/cuenta/bloqueada", right.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ForgedDeviceCookie_IsIgnored()
    {
        var email = await NewAccountAsync("forged");
        using var attacker = app.Client();
        for (var i = 0; i < 5; i++)
            await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Guess-2026"));

        using var forged = app.Client();
        forged.DefaultRequestHeaders.Add("Cookie", "barberpro.device=CfDJ8forged-value");
        var response = await forged.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Corte-2026"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "auth.locked_out");
    }

    private async Task<string> NewAccountAsync(string name)
    {
        using var client = app.Client();
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("Cuenta " + name, email, "11 2345-6789", "Corte-2026"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return email;
    }

    /// <summary>The problem document without its per-request trace id.</summary>
    private static async Task<string> Comparable(HttpResponseMessage response)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return string.Join("|", json.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>The page without what differs by request: the email typed and Data Protection payloads (anti-forgery token, component state).</summary>
    /// <summary>The page without what differs on every response anyway: the email typed, protected tokens and the CSP nonce.</summary>
    private static string Scrub(string html, string email)
    {
        var scrubbed = System.Text.RegularExpressions.Regex.Replace(html.Replace(email, "EMAIL"), "CfDJ8[A-Za-z0-9_\\-+/=]*", "PROTECTED");
        return System.Text.RegularExpressions.Regex.Replace(scrubbed, "nonce=\"[^\"]*\"", "nonce=\"NONCE\"");
    }
}
