using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>POST /api/v1/auth/token is not a way around two-factor sign-in.</summary>
public sealed class TwoFactorApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Password = StaffAccountsForTests.Password;

    [Fact]
    public async Task Token_TwoFactorOn_NeedsTheCode_RefusesAWrongOne_AcceptsTheRightOne()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "api-totp", Roles.Provider);
        var (key, _) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var client = app.Client();

        var noCode = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password));
        var blank = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, "  "));
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, Totp.Wrong(key)));
        var huge = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, new string('1', 10_000)));
        var right = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, Totp.Now(key)));

        await ProblemAssert.IsProblemAsync(noCode, HttpStatusCode.Unauthorized, "auth.two_factor_required");
        await ProblemAssert.IsProblemAsync(blank, HttpStatusCode.Unauthorized, "auth.two_factor_required");
        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var token = (await right.Content.ReadFromJsonAsync<TokenResponse>(ApiWebApp.Json))!;
        Assert.Equal(["Provider"], token.Roles);
    }

    [Fact]
    public async Task Token_WrongPassword_WithARightCode_IsStillRefused()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "api-pass", Roles.Owner);
        var (key, _) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Wrong-2026", Totp.Now(key)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Token_RecoveryCode_WorksOnce()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "api-recovery", Roles.Owner);
        var (_, codes) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var client = app.Client();

        var first = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, codes[0]));
        var again = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, codes[0]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
    }

    [Fact]
    public async Task Token_FiveWrongCodes_LockTheAccount_LikeWrongPasswords()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "api-lock", Roles.Provider);
        var (key, _) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var client = app.Client();

        for (var i = 0; i < 4; i++)
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, Totp.Wrong(key))),
                HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        var fifth = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, Totp.Wrong(key)));
        var rightAfter = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password, Totp.Now(key)));

        await ProblemAssert.IsProblemAsync(fifth, HttpStatusCode.Unauthorized, "auth.locked_out");
        await ProblemAssert.IsProblemAsync(rightAfter, HttpStatusCode.Unauthorized, "auth.locked_out");
    }

    [Fact]
    public async Task Token_AdminWithoutTwoFactor_Is403_EnrolmentRequired()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "api-admin", Roles.Admin);
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "auth.two_factor_enrolment_required");
        Assert.Contains("/cuenta/seguridad", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_ShopRequirement_AppliesToItsStaffOnly()
    {
        var strict = await StaffAccountsForTests.NewShopAsync(app.Services, "api-estricto", requireTwoFactor: true);
        var relaxed = await StaffAccountsForTests.NewShopAsync(app.Services, "api-relajado", requireTwoFactor: false);
        using var client = app.Client();

        foreach (var email in new[] { strict.BarberEmail, strict.OwnerEmail })
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password)),
                HttpStatusCode.Forbidden, "auth.two_factor_enrolment_required");
        foreach (var email in new[] { relaxed.BarberEmail, relaxed.OwnerEmail, "barbero2@barberpro.local" })
        {
            var password = email.EndsWith("@barberpro.local", StringComparison.Ordinal) ? ApiWebApp.DemoPassword : Password;
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, password))).StatusCode);
        }
        var (key, _) = await StaffAccountsForTests.EnrolAsync(app.Services, strict.BarberEmail);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(strict.BarberEmail, Password, Totp.Now(key)))).StatusCode);
    }

    [Fact]
    public async Task Token_Customer_IsNeverAskedForACode()
    {
        using var client = app.Client();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("cliente@barberpro.local", ApiWebApp.DemoPassword));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
