using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Accounts;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// What an admin takes away is gone from every door within the documented bound: the bearer token within
/// <see cref="ApiTokenStamps.CacheFor"/> (10 s), the sign-in cookie and an open page within
/// <see cref="SessionRevocation.CookieInterval"/> (30 s), the refresh token at once. Real Kestrel, real SQLite; the
/// app's fake clock moves past each interval.
/// </summary>
public sealed class RevocationTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Password = ApiWebApp.DemoPassword;
    private const string SuspendedText = "Tu cuenta está suspendida. Comunicate con el local.";

    public enum Change { Suspend, Delete, RemoveRole, ChangePassword }

    [Theory]
    [InlineData(Change.Suspend)]
    [InlineData(Change.Delete)]
    [InlineData(Change.RemoveRole)]
    [InlineData(Change.ChangePassword)]
    public async Task Change_EndsTheOldToken_Cookie_OpenPage_AndRefreshToken_WithinTheBound(Change change)
    {
        // The owner whose Owner role is removed probes an owner-only endpoint; the others are customers reading their bookings.
        var role = change == Change.RemoveRole ? Roles.Owner : Roles.Customer;
        var account = await NewAccountAsync(role);
        var tokens = await TokenAsync(account.Email);
        using var api = app.Client(tokens.AccessToken);
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(browser, account.Email, Password)).StatusCode);
        var openPage = await PrincipalAsync(account.UserId);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(account.Probe)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/inicio")).StatusCode);
        Assert.True(await SessionRevocation.IsCurrentAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), openPage));

        await ApplyAsync(change, account);

        // Refresh tokens carry the stamp: refused at once.
        using (var anonymous = app.Client())
        {
            var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken));
            await ProblemAssert.IsProblemAsync(refresh, HttpStatusCode.Unauthorized,
                change == Change.Suspend ? "auth.account_suspended" : "auth.invalid_refresh_token");
        }
        // The open page's check is the cookie's check, and reads the database every time it runs.
        Assert.False(await SessionRevocation.IsCurrentAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), openPage));

        app.Clock.Advance(ApiTokenStamps.CacheFor);
        var afterToken = await api.GetAsync(account.Probe);
        await ProblemAssert.IsProblemAsync(afterToken, HttpStatusCode.Unauthorized, "auth.invalid_token");
        Assert.Contains("invalid_token", afterToken.Headers.WwwAuthenticate.ToString());

        app.Clock.Advance(Duration.FromTimeSpan(SessionRevocation.CookieInterval) - ApiTokenStamps.CacheFor + Duration.FromSeconds(1));
        var afterCookie = await browser.GetAsync("/inicio");
        Assert.Equal(HttpStatusCode.Redirect, afterCookie.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", afterCookie.Headers.Location!.ToString().Replace(app.BaseAddress.ToString(), "/"));
    }

    [Fact]
    public async Task WellSignedToken_WithoutTheStamp_OrWithAnotherUsersStamp_IsRefused()
    {
        var account = await NewAccountAsync(Roles.Customer);
        var other = await NewAccountAsync(Roles.Customer);
        var key = app.Services.GetRequiredService<JwtSigningKey>();
        var jwt = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JwtOptions>>().Value;
        string Sign(params System.Security.Claims.Claim[] claims) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Issuer = jwt.Issuer,
                Audience = jwt.Audience,
                Subject = new System.Security.Claims.ClaimsIdentity(claims),
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key.Key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
            });
        string StampOf(string userId)
        {
            using var scope = app.Services.CreateScope();
            return ApiTokenStamps.Digest(scope.ServiceProvider.GetRequiredService<BarberProDbContext>().Users.Single(u => u.Id == userId).SecurityStamp);
        }
        var sub = new System.Security.Claims.Claim("sub", account.UserId);
        var role = new System.Security.Claims.Claim("role", Roles.Customer);

        var withStamp = Sign(sub, role, new(ApiTokenIssuer.StampClaim, StampOf(account.UserId)));
        var noStamp = Sign(sub, role);
        var othersStamp = Sign(sub, role, new(ApiTokenIssuer.StampClaim, StampOf(other.UserId)));

        using (var ok = app.Client(withStamp))
            Assert.Equal(HttpStatusCode.OK, (await ok.GetAsync(account.Probe)).StatusCode);
        foreach (var token in new[] { noStamp, othersStamp })
        {
            using var client = app.Client(token);
            await ProblemAssert.IsProblemAsync(await client.GetAsync(account.Probe), HttpStatusCode.Unauthorized, "auth.invalid_token");
        }
    }

    [Fact]
    public async Task Token_StaysGood_WhileNothingChanges_PastTheCache()
    {
        var account = await NewAccountAsync(Roles.Customer);
        var tokens = await TokenAsync(account.Email);
        using var api = app.Client(tokens.AccessToken);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(account.Probe)).StatusCode);
            app.Clock.Advance(ApiTokenStamps.CacheFor);
        }
    }

    [Fact]
    public async Task Refresh_Rotates_AndReusingAnOldOne_RevokesTheWholeFamily()
    {
        var account = await NewAccountAsync(Roles.Customer);
        var first = await TokenAsync(account.Email);
        using var anonymous = app.Client();

        var rotated = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<TokenResponse>(ApiWebApp.Json))!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(["Customer"], second.Roles);
        Assert.True(second.RefreshTokenExpiresAt > second.ExpiresAt);
        using (var api = app.Client(second.AccessToken))
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(account.Probe)).StatusCode);

        // The first one again: someone kept a copy. It is refused, and so is the one that replaced it.
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken)),
            HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(second.RefreshToken)),
            HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");

        // Another sign-in is another family, untouched.
        var other = await TokenAsync(account.Email);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(other.RefreshToken))).StatusCode);
    }

    [Fact]
    public async Task Refresh_PastItsLifetime_IsRefused()
    {
        var account = await NewAccountAsync(Roles.Customer);
        var tokens = await TokenAsync(account.Email);
        using var anonymous = app.Client();

        app.Clock.Advance(RefreshTokens.Lifetime);

        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken)),
            HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task Refresh_IsStoredOnlyAsAHash()
    {
        var account = await NewAccountAsync(Roles.Customer);
        var tokens = await TokenAsync(account.Email);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var stored = db.RefreshTokens.Where(t => t.UserId == account.UserId).Select(t => t.TokenHash).ToList();
        Assert.Equal([RefreshTokens.Hash(tokens.RefreshToken!)], stored);
        Assert.DoesNotContain(tokens.RefreshToken, stored);
        Assert.Equal(43, tokens.RefreshToken!.Length); // 256 bits, base64url
    }

    [Fact]
    public async Task Revoke_EndsTheFamily_AndAnswers204EvenForUnknownTokens()
    {
        var account = await NewAccountAsync(Roles.Customer);
        var tokens = await TokenAsync(account.Email);
        using var anonymous = app.Client();

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/v1/auth/revoke", new RefreshRequest(tokens.RefreshToken))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/v1/auth/revoke", new RefreshRequest("not-a-token"))).StatusCode);

        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken)),
            HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Refresh_WithSomethingThatIsNotOurToken_IsRefusedCleanly(string presented)
    {
        using var anonymous = app.Client();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(presented));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.UnprocessableEntity });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SuspendedAccount_TokenDoorSaysSuspended_OnlyWithTheRightPassword()
    {
        var account = await NewAccountAsync(Roles.Customer);
        await ApplyAsync(Change.Suspend, account);
        using var anonymous = app.Client();

        var right = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(account.Email, Password));
        var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(account.Email, "Wrong-2026"));

        var problem = await ProblemAssert.IsProblemAsync(right, HttpStatusCode.Unauthorized, "auth.account_suspended");
        Assert.Equal(SuspendedText, problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task SuspendedAccount_WebSignInSaysSuspended_NotTooManyAttempts()
    {
        var account = await NewAccountAsync(Roles.Customer);
        await ApplyAsync(Change.Suspend, account);
        using var browser = app.CreateBrowserClient();

        var response = await BarberProWebApp.SignInAsync(browser, account.Email, Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(SuspendedText, html);
        Assert.DoesNotContain("intentos fallidos", html);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/inicio")).StatusCode);
    }

    [Fact]
    public async Task Reinstate_And_ClearLockout_LetTheUserBackIn()
    {
        var suspended = await NewAccountAsync(Roles.Customer);
        var lockedOut = await NewAccountAsync(Roles.Customer);
        await ApplyAsync(Change.Suspend, suspended);
        using var anonymous = app.Client();
        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(lockedOut.Email, "Wrong-2026"));
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(lockedOut.Email, Password)),
            HttpStatusCode.Unauthorized, "auth.locked_out");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
            Assert.Null(await accounts.ReinstateAsync(suspended.UserId));
            Assert.Null(await accounts.ClearLockoutAsync(lockedOut.UserId));
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(suspended.Email, Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(lockedOut.Email, Password))).StatusCode);
    }

    [Fact]
    public async Task AdminPage_TellsSuspendedFromLockedOut_AndOffersToUndoEach()
    {
        var suspended = await NewAccountAsync(Roles.Customer, "aa-suspendida");
        var lockedOut = await NewAccountAsync(Roles.Customer, "aa-bloqueada");
        await ApplyAsync(Change.Suspend, suspended);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(lockedOut.UserId))!;
            for (var i = 0; i < 5; i++)
                await users.AccessFailedAsync(user);
            Assert.True(await users.IsLockedOutAsync(user));
        }
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(browser, "admin@barberpro.local", Password)).StatusCode);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/usuarios"));

        var suspendedRow = Row(html, suspended.Email);
        Assert.Contains("Suspendida por un admin", suspendedRow);
        Assert.Contains("Reactivar", suspendedRow);
        Assert.DoesNotContain("Bloqueada por intentos fallidos", suspendedRow);
        var lockedRow = Row(html, lockedOut.Email);
        Assert.Contains("Bloqueada por intentos fallidos", lockedRow);
        Assert.Contains("Desbloquear", lockedRow);
        Assert.DoesNotContain("Suspendida por un admin", lockedRow);
    }

    [Fact]
    public async Task Admin_CannotSuspendDeleteOrDemoteThemselves()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var admin = (await users.FindByEmailAsync("admin@barberpro.local"))!;
        var stamp = admin.SecurityStamp;

        Assert.Equal(AccountAdministration.KeepOwnAccessCode, (await accounts.SuspendAsync(admin.Id, admin.Id))?.Code);
        Assert.Equal(AccountAdministration.KeepOwnAccessCode, (await accounts.DeleteAsync(admin.Id, admin.Id))?.Code);
        Assert.Equal(AccountAdministration.KeepOwnAdminCode, (await accounts.SetRoleAsync(admin.Id, Roles.Admin, false, admin.Id))?.Code);

        var again = (await users.FindByEmailAsync("admin@barberpro.local"))!;
        Assert.Null(again.SuspendedAt);
        Assert.Equal(stamp, again.SecurityStamp);
        Assert.True(await users.IsInRoleAsync(again, Roles.Admin));
    }

    private sealed record Account(string UserId, string Email, string Probe);

    /// <summary>An account with the demo password: a customer (probe: their bookings) or the owner of a new shop (probe: its closed days).</summary>
    private async Task<Account> NewAccountAsync(string role, string prefix = "revocada")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, FullName = "Cuenta Revocada", PhoneNumber = "+5491123456789" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        string probe;
        if (role == Roles.Owner)
        {
            var shop = new Shop("Barbería Revocada", $"revocada-{Guid.NewGuid():N}"[..30]);
            shop.AssignOwner(user.Id);
            db.Shops.Add(shop);
            probe = $"/api/v1/shops/{shop.Id}/closures";
        }
        else
        {
            db.Customers.Add(new Customer("Cuenta Revocada", "11 2345-6789", email, user.Id));
            probe = "/api/v1/bookings";
        }
        await db.SaveChangesAsync();
        return new Account(user.Id, email, probe);
    }

    private async Task<TokenResponse> TokenAsync(string email)
    {
        using var client = app.Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>(ApiWebApp.Json))!;
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        return tokens;
    }

    /// <summary>The principal an open page holds: what the sign-in cookie carries.</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(userId))!);
    }

    /// <summary>Each change the way the app makes it: the admin's through <see cref="AccountAdministration"/>, a password through Identity.</summary>
    private async Task ApplyAsync(Change change, Account account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByEmailAsync("admin@barberpro.local"))!;
        switch (change)
        {
            case Change.Suspend:
                Assert.Null(await accounts.SuspendAsync(account.UserId, admin.Id));
                break;
            case Change.Delete:
                Assert.Null(await accounts.DeleteAsync(account.UserId, admin.Id));
                break;
            case Change.RemoveRole:
                Assert.Null(await accounts.SetRoleAsync(account.UserId, Roles.Owner, false, admin.Id));
                break;
            case Change.ChangePassword:
                var user = (await users.FindByIdAsync(account.UserId))!;
                Assert.True((await users.ChangePasswordAsync(user, Password, "Otra-Clave-2027")).Succeeded);
                break;
        }
    }

    private static string Row(string html, string email)
    {
        var match = Regex.Match(html, $"data-user=\"{Regex.Escape(email)}\"(.*?)(data-user=|</main>|$)", RegexOptions.Singleline);
        Assert.True(match.Success, $"No row for {email}");
        return match.Groups[1].Value;
    }
}
