using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>An app of its own with tiny per-user limits (and a long window, so no test waits for it to pass).</summary>
public sealed class RateLimitedApiApp : ApiWebApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Token:PerIp"] = "1000",
        ["RateLimiting:Token:PerUser"] = "3",
        ["RateLimiting:Token:WindowSeconds"] = "600",
        ["RateLimiting:Bookings:PerIp"] = "1000",
        ["RateLimiting:Bookings:PerUser"] = "2",
        ["RateLimiting:Bookings:WindowSeconds"] = "600",
    };
}

/// <summary>429 with Retry-After per user and per IP on the token and booking endpoints.</summary>
public sealed class RateLimitTests(RateLimitedApiApp app) : IClassFixture<RateLimitedApiApp>
{
    [Fact]
    public async Task Token_SameEmailTooOften_Is429_WithRetryAfter_WhileOtherEmailsStillWork()
    {
        using var client = app.Client();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
            responses.Add(await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("barbero3@barberpro.local", "wrong-password")));

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var limited = responses[3];
        var problem = await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 600);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Contains("segundos", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("admin@barberpro.local", ApiWebApp.DemoPassword, Totp.Now(ApiWebApp.DemoAdminAuthenticatorKey)))).StatusCode);
    }

    [Fact]
    public async Task Bookings_SameUserTooOften_Is429_WithRetryAfter_AnotherUserIsNotLimited()
    {
        var demo = await app.DemoAsync();
        var (_, eager) = await app.NewCustomerAsync("eager");
        var (_, calm) = await app.NewCustomerAsync("calm");
        using var client = app.Client(eager);
        using var other = app.Client(calm);
        var day = new LocalDate(2027, 1, 19);

        var first = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(day, 10), null, null));
        var second = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(day, 11), null, null));
        var third = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(day, 12), null, null));
        var cancel = await client.PostAsync($"/api/v1/bookings/{Guid.NewGuid()}/cancel", null);
        var byOther = await other.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(day, 15), null, null));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await ProblemAssert.IsProblemAsync(third, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.Created, byOther.StatusCode);
        using var anyone = app.Client();
        var day12 = await anyone.GetFromJsonAsync<AvailabilityResponse>($"/api/v1/providers/{demo.Fede}/availability?serviceId={demo.Corte}&date=2027-01-19", ApiWebApp.Json);
        Assert.Contains(day12!.Slots, s => s.Start.Hour == 12 && s.Start.Minute == 0);
    }
}

/// <summary>An app whose token endpoint allows 6 requests per IP (whatever the email) per window.</summary>
public sealed class IpLimitedApiApp : ApiWebApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Token:PerIp"] = "6",
        ["RateLimiting:Token:PerUser"] = "1000",
        ["RateLimiting:Token:WindowSeconds"] = "600",
    };
}

public sealed class IpRateLimitTests(IpLimitedApiApp app) : IClassFixture<IpLimitedApiApp>
{
    [Fact]
    public async Task Token_SameIpTooOften_Is429_ForAnyEmail()
    {
        using var client = app.Client();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
            responses.Add(await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest($"nobody{i}@example.com", "x")));

        Assert.All(responses.Take(6), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await ProblemAssert.IsProblemAsync(responses[6], HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(responses[6].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Limits are per endpoint: reading shops is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/shops")).StatusCode);
    }

    [Fact]
    public async Task BehindTheProxy_EachClientHasItsOwnLimit_NotOneForEveryoneTheProxySends()
    {
        // nginx (deploy/nginx/barberpro.conf) connects from its own address and names the client in X-Forwarded-For.
        async Task<HttpResponseMessage> FromAsync(string clientIp, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = JsonContent.Create(new TokenRequest($"proxied{i}@example.com", "x")),
            };
            request.Headers.Add("X-Forwarded-For", clientIp);
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var client = app.Client();
            return await client.SendAsync(request);
        }

        var busy = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
            busy.Add(await FromAsync("203.0.113.7", i));
        var other = await FromAsync("198.51.100.20", 99);

        Assert.All(busy.Take(6), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await ProblemAssert.IsProblemAsync(busy[6], HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }
}
