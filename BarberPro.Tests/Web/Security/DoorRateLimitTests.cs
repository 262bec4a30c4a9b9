using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Security;

/// <summary>An app whose account doors allow 3 attempts per account (email) and plenty per IP, in a long window.</summary>
public sealed class AccountLimitedDoorsApp : ApiWebApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Token:PerIp"] = "1000",
        ["RateLimiting:Token:PerUser"] = "3",
        ["RateLimiting:Token:WindowSeconds"] = "600",
        ["RateLimiting:Register:PerIp"] = "1000",
        ["RateLimiting:Register:PerUser"] = "2",
        ["RateLimiting:Register:WindowSeconds"] = "600",
    };
}

/// <summary>The sign-in form and registration are limited per account like the API's token endpoint, with a page that says so.</summary>
public sealed class AccountDoorRateLimitTests(AccountLimitedDoorsApp app) : IClassFixture<AccountLimitedDoorsApp>
{
    [Fact]
    public async Task SignInForm_SameEmailTooOften_Is429Page_WithRetryAfter_InSpanish_OtherEmailsStillWork()
    {
        using var client = app.CreateBrowserClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            responses.Add(await BarberProWebApp.SignInAsync(client, "barbero2@barberpro.local", "Wrong-password-1"));

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var limited in responses.Skip(3))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 600);
            Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
            var html = WebUtility.HtmlDecode(await limited.Content.ReadAsStringAsync());
            Assert.Contains("Demasiados intentos", html);
            Assert.Contains("lang=\"es-AR\"", html);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(client, "owner@barberpro.local", ApiWebApp.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task SignInForm_InEnglish_Is429Page_InEnglish()
    {
        using var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/cultura?c=en")).StatusCode);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
            last = await BarberProWebApp.SignInAsync(client, "english@example.com", "Wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        var html = WebUtility.HtmlDecode(await last.Content.ReadAsStringAsync());
        Assert.Contains("Too many attempts", html);
        Assert.Contains("lang=\"en\"", html);
    }

    [Fact]
    public async Task SignInForm_AndTokenApi_ShareOneBudgetPerAccount()
    {
        using var browser = app.CreateBrowserClient();
        using var api = app.Client();
        const string email = "shared-budget@example.com";

        Assert.Equal(HttpStatusCode.OK, (await BarberProWebApp.SignInAsync(browser, email, "Wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BarberProWebApp.SignInAsync(browser, email, "Wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Wrong-password-1"))).StatusCode);
        var limited = await api.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, "Wrong-password-1"));

        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await BarberProWebApp.SignInAsync(browser, email, "Wrong-password-1")).StatusCode);
    }

    [Fact]
    public async Task RegisterForm_SameEmailTooOften_Is429Page()
    {
        using var client = app.CreateBrowserClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            responses.Add(await RegisterAsync(client, "cliente@barberpro.local"));

        Assert.All(responses.Take(2), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, responses[2].StatusCode);
        Assert.True(responses[2].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Demasiados intentos", WebUtility.HtmlDecode(await responses[2].Content.ReadAsStringAsync()));
        // Reading the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cuenta/registro")).StatusCode);
    }

    internal static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email)
    {
        var token = await BarberProWebApp.AntiforgeryTokenAsync(client, "/cuenta/registro");
        return await client.PostAsync("/cuenta/registro", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.FullName"] = "Juan Pérez",
            ["Input.Phone"] = "11 2345-6789",
            ["Input.Email"] = email,
            ["Input.Password"] = "short",
        }));
    }
}

/// <summary>An app whose sign-in doors allow 5 attempts per IP and registration 3, whatever the email.</summary>
public sealed class IpLimitedDoorsApp : ApiWebApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Token:PerIp"] = "5",
        ["RateLimiting:Token:PerUser"] = "1000",
        ["RateLimiting:Token:WindowSeconds"] = "600",
        ["RateLimiting:Register:PerIp"] = "3",
        ["RateLimiting:Register:PerUser"] = "1000",
        ["RateLimiting:Register:WindowSeconds"] = "600",
    };
}

public sealed class IpDoorRateLimitTests(IpLimitedDoorsApp app) : IClassFixture<IpLimitedDoorsApp>
{
    [Fact]
    public async Task SignInForm_FortyPostsFromOneIp_AreLimited_AfterTheAllowance()
    {
        using var client = app.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
            statuses.Add((await BarberProWebApp.SignInAsync(client, $"nobody{i}@example.com", "Wrong-password-1")).StatusCode);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(35, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // The same IP's API sign-in is the same door: it is refused too.
        using var api = app.Client();
        await ProblemAssert.IsProblemAsync(await api.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("someone@example.com", "x")),
            HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Registration_FormAndApi_FromOneIp_AreLimited()
    {
        using var client = app.CreateBrowserClient();
        using var api = app.Client();

        var first = await AccountDoorRateLimitTests.RegisterAsync(client, "a@example.com");
        var second = await AccountDoorRateLimitTests.RegisterAsync(client, "b@example.com");
        var third = await api.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("Juan Pérez", "c@example.com", "11 2345-6789", "short"));
        var fourth = await api.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("Juan Pérez", "d@example.com", "11 2345-6789", "short"));
        var fifth = await AccountDoorRateLimitTests.RegisterAsync(client, "e@example.com");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, third.StatusCode);
        await ProblemAssert.IsProblemAsync(fourth, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fifth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

/// <summary>The second sign-in step on an app of its own: its per-IP budget is the sign-in door's, shared with no other test.</summary>
public sealed class SecondStepRateLimitTests(IpLimitedDoorsApp app) : IClassFixture<IpLimitedDoorsApp>
{
    [Fact]
    public async Task SecondStepForm_IsTheSignInDoor_CodesFromOneIpAreLimitedToo()
    {
        var (_, email) = await StaffAccountsForTests.NewUserAsync(app.Services, "door-2fa", Roles.Provider);
        var (key, _) = await StaffAccountsForTests.EnrolAsync(app.Services, email);
        using var client = app.CreateBrowserClient();
        var first = await BarberProWebApp.PostSignInFormAsync(client, email, StaffAccountsForTests.Password);
        Assert.Contains("/cuenta/dos-pasos", first.Headers.Location!.OriginalString);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await BarberProWebApp.PostTwoFactorCodeAsync(client, first.Headers.Location!, Totp.Wrong(key))).StatusCode);

        // Five attempts per IP at the sign-in door: the first step took one, four codes were read, the rest refused.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(4));
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
