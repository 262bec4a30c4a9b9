using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.WarmUp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BarberPro.Tests.Web.WarmUp;

/// <summary>The demo app on real Kestrel with the start-up warm-up switched on (two rounds), every log entry kept.</summary>
public sealed class WarmedApp : BarberProWebApp
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["WarmUp:Enabled"] = "true",
        ["WarmUp:Rounds"] = "2",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>
/// The start-up warm-up (issue 15: a fresh process ran at a third of its speed for a minute) sends the app's hot
/// requests to itself once it listens: the shop, a week of availability per provider, the shop page and the wizard,
/// each answered; it is off where tests and the two-node proof run (Testing) unless switched on.
/// </summary>
public sealed class StartupWarmUpTests(WarmedApp app) : IClassFixture<WarmedApp>
{
    [Fact]
    public async Task SwitchedOn_ItRequestsTheHotPathsOfTheFirstShop_AndEveryAnswerIsASuccess()
    {
        var warmUp = app.Services.GetServices<IHostedService>().OfType<StartupWarmUp>().Single();

        var answered = await warmUp.Completed.WaitAsync(TimeSpan.FromSeconds(60));

        // Two rounds of: the shop by id, its page, the wizard, and 7 days of availability for each of the demo's providers.
        var first = app.Logs.Entries.Single(e => e.Category == typeof(StartupWarmUp).FullName && e.Message.StartsWith("Warm-up: ", StringComparison.Ordinal));
        Assert.True(answered >= 2 * (3 + 7), $"{answered} answered requests");
        Assert.Equal(0, answered % 2);
        Assert.Contains($"Warm-up: {answered} requests", first.Message);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category == typeof(StartupWarmUp).FullName);
    }

    [Fact]
    public void InTesting_ItIsOffUnlessSwitchedOn()
    {
        using var plain = new BarberProWebApp();

        Assert.Empty(plain.Services.GetServices<IHostedService>().OfType<StartupWarmUp>());
    }

    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:80", "http://127.0.0.1/")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    public void TheListeningAddress_BecomesALoopbackOne(string address, string expected) =>
        Assert.Equal(expected, StartupWarmUp.Loopback(address));
}
