using BarberPro.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BarberPro.Tests.Web.Security;

/// <summary>An app with small hub limits (3 connections per user or IP, 15 calls in a long window) that keeps every log entry.</summary>
public sealed class ThrottledHubApp : ApiWebApp
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Realtime:ConnectionsPerUser"] = "3",
        ["Realtime:Invocations"] = "15",
        ["Realtime:InvocationWindowSeconds"] = "15000",
        ["Realtime:RefusalLogSeconds"] = "60",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>
/// /hubs/bookings cannot be used to flood the error log or the server: refusals are warnings, at most one per source per
/// window (with a count of the rest), and each user (or IP, when anonymous) has a cap on connections and calls.
/// </summary>
public sealed class HubThrottleTests(ThrottledHubApp app) : IClassFixture<ThrottledHubApp>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    [Fact]
    public async Task RefusedSubscriptions_AreThrottledWarnings_NeverErrors()
    {
        var demo = await app.DemoAsync();
        var anonymous = await ConnectAsync(null);
        var before = app.Logs.Entries.Count;

        for (var i = 0; i < 10; i++)
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("SubscribeToAgenda", demo.Diego));
        var first = app.Logs.Entries.Skip(before).ToList();
        app.Clock.Advance(Duration.FromSeconds(61));
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("SubscribeToAgenda", demo.Diego));
        var all = app.Logs.Entries.Skip(before).ToList();

        Assert.DoesNotContain(all, e => e.Level >= LogLevel.Error);
        var warnings = all.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("SubscribeToAgenda")).ToList();
        Assert.Single(first, e => e.Level == LogLevel.Warning && e.Message.Contains("SubscribeToAgenda"));
        Assert.Equal(2, warnings.Count);
        Assert.Contains("9 more", warnings[1].Message);
    }

    [Fact]
    public async Task TooManyCalls_FromOneUser_AreRefused_OnEveryConnection_OtherUsersAreNot()
    {
        var demo = await app.DemoAsync();
        var token = await app.TokenAsync("barbero3@barberpro.local");
        var first = await ConnectAsync(token);
        var second = await ConnectAsync(token);
        var other = await ConnectAsync(await app.TokenAsync("barbero2@barberpro.local"));

        for (var i = 0; i < 15; i++)
            await (i % 2 == 0 ? first : second).InvokeAsync("SubscribeToAgenda", demo.Nacho);
        var refused = new List<HubException>();
        for (var i = 0; i < 5; i++)
            refused.Add(await Assert.ThrowsAsync<HubException>(() => (i % 2 == 0 ? first : second).InvokeAsync("SubscribeToAgenda", demo.Nacho)));

        Assert.All(refused, e => Assert.Contains("Demasiadas solicitudes", e.Message));
        await other.InvokeAsync("SubscribeToAgenda", demo.Fede);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task TooManyConnections_FromOneUser_AreRefused_UntilOneCloses()
    {
        var token = await app.TokenAsync("owner@barberpro.local");
        var open = new List<HubConnection>();
        for (var i = 0; i < 3; i++)
            open.Add(await ConnectAsync(token));

        var fourth = Build(token);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => fourth.StartAsync());
        var otherUser = await ConnectAsync(await app.TokenAsync("admin@barberpro.local"));
        await open[0].DisposeAsync();
        var again = Build(token);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                await again.StartAsync();
                break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HubConnectionState.Connected, otherUser.State);
        Assert.Equal(HubConnectionState.Connected, again.State);
    }

    private HubConnection Build(string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/bookings"), o =>
            {
                if (token is not null)
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connections.Add(connection);
        return connection;
    }

    private async Task<HubConnection> ConnectAsync(string? token)
    {
        var connection = Build(token);
        await connection.StartAsync();
        return connection;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
    }
}
