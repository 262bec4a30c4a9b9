using System.Net;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Jobs;

/// <summary>Hangfire's dashboard over real Kestrel: admins (signed in with two factors) only; and the chores registered at start-up.</summary>
public sealed class HangfireDashboardTests : IClassFixture<BarberProWebApp>
{
    private const string DemoPassword = "BarberPro2026!";
    private readonly BarberProWebApp _app;

    public HangfireDashboardTests(BarberProWebApp app) => _app = app;

    [Fact]
    public async Task Dashboard_Anonymous_IsRefused()
    {
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Recurring", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("cliente@barberpro.local")]
    [InlineData("barbero1@barberpro.local")]
    [InlineData("owner@barberpro.local")]
    public async Task Dashboard_SignedInNonAdmin_IsRefused(string email)
    {
        using var client = _app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(client, email, DemoPassword), "/inicio"));

        foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/succeeded" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
        // Triggering a job (a POST) is refused too (by the anti-forgery check or the filter): never a success.
        var trigger = await client.PostAsync("/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "waitlist-expired-offers")]));
        Assert.False(trigger.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Dashboard_Admin_SeesTheRecurringChores()
    {
        using var client = _app.CreateBrowserClient();
        Assert.True(BarberProWebApp.IsRedirectTo(await BarberProWebApp.SignInAsync(client, BarberProWebApp.DemoAdminEmail, DemoPassword), "/inicio"));

        var home = await client.GetAsync("/hangfire");
        var recurring = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        var html = await recurring.Content.ReadAsStringAsync();
        Assert.Contains("waitlist-expired-offers", html);
        Assert.Contains("idempotency-keys-sweep", html);
    }

    [Fact]
    public void StartUp_RegistersEveryChoreOnTheAppsOwnStorage()
    {
        var storage = _app.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();

        var jobs = connection.GetRecurringJobs();

        Assert.Equal(RecurringChores.Default().All.Select(c => c.Id).Order(), jobs.Select(j => j.Id).Order());
        Assert.Equal(RecurringChores.Every30Seconds, jobs.Single(j => j.Id == "waitlist-expired-offers").Cron);
        Assert.All(jobs, j => Assert.Null(j.Error));
    }
}
