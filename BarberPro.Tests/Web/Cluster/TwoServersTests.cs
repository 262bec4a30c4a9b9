using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Cluster;

/// <summary>
/// Two servers of the real app (Kestrel, in this process) on one PostgreSQL database and one Redis, as several nodes of
/// a chain run: a change committed through one reaches the live pages and the hub clients of both, each once; a sign-in
/// cookie issued by one is read by the other (Data Protection keys in the database); the health endpoint reports Redis.
/// </summary>
public sealed class TwoServersTests(TwoServersTests.TwoServers servers) : IClassFixture<TwoServersTests.TwoServers>
{
    private static readonly LocalDate Thursday = new(2027, 1, 14);

    /// <summary>One node: the app with the shared database, Redis and JWT key, told apart by its node name.</summary>
    public sealed class Node(IReadOnlyDictionary<string, string?> settings) : ApiWebApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings.Concat(settings));
    }

    public sealed class TwoServers : IDisposable
    {
        public const string SigningKey = "two-servers-test-signing-key-0123456789-abcdef";
        public const string RedisVariable = "BARBERPRO_TEST_REDIS";
        private readonly (string Name, string ConnectionString) _database;

        public TwoServers()
        {
            var redis = Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"{RedisVariable} is not set, so the several-servers tests cannot run. Run scripts/test.sh (it starts a throwaway Redis and sets it), " +
                    $"or set {RedisVariable}=127.0.0.1:6379 for a server of your own.");
            _database = Task.Run(PostgreSqlTestDatabase.CopyTemplateAsync).GetAwaiter().GetResult();
            var shared = new Dictionary<string, string?>(PostgreSqlTestDatabase.Settings(_database.ConnectionString, maxRetryCount: 5))
            {
                ["ConnectionStrings:Redis"] = redis,
                ["Jwt:SigningKey"] = SigningKey,
            };
            // One after the other: the first migrates and seeds the demo, the second finds both done.
            A = new Node(shared);
            B = new Node(shared);
        }

        public Node A { get; }
        public Node B { get; }

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
            Task.Run(() => PostgreSqlTestDatabase.DropAsync(_database.Name, _database.ConnectionString)).GetAwaiter().GetResult();
        }
    }

    private async Task<Guid> BookThroughAsync(Node node, Guid barber, int hour)
    {
        var demo = await node.DemoAsync();
        var (_, token) = await node.NewCustomerAsync($"nodo{hour}");
        using var client = node.Client(token);
        var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(barber, demo.Corte, ApiWebApp.At(Thursday, hour), null, null));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id;
    }

    private static Guid BookingIdOf(JsonElement payload) => payload.GetProperty("bookingId").GetGuid();

    [Fact]
    public async Task ABookingThroughOneServer_ReachesHubClientsOnBoth_OnceEach()
    {
        var demo = await servers.A.DemoAsync();
        await using var onA = new HubClients(servers.A);
        await using var onB = new HubClients(servers.B);
        var listeners = new List<HubListener>();
        foreach (var (clients, node) in new[] { (onA, servers.A), (onB, servers.B) })
        {
            var connection = await clients.ConnectAsync(await node.TokenAsync("owner@barberpro.local"));
            listeners.Add(HubClients.Listen(connection, "bookingCreated"));
            await connection.InvokeAsync("SubscribeToAgenda", demo.Diego);
        }

        var booked = await BookThroughAsync(servers.A, demo.Diego, 10);
        // A second booking, through the other server, as a marker: by the time it arrives, a duplicate of the first would have too.
        var marker = await BookThroughAsync(servers.B, demo.Diego, 11);

        foreach (var listener in listeners)
        {
            await listener.NextAsync(p => BookingIdOf(p) == marker);
            Assert.Single(listener.Received, p => BookingIdOf(p) == booked);
            Assert.Single(listener.Received, p => BookingIdOf(p) == marker);
        }
    }

    [Fact]
    public async Task ABookingThroughOneServer_ReachesTheOtherServersLivePages_Once()
    {
        var demo = await servers.A.DemoAsync();
        var heard = System.Threading.Channels.Channel.CreateUnbounded<BookingChange>();
        using var subscription = servers.B.Services.GetRequiredService<IBookingEvents>().Subscribe(change =>
        {
            heard.Writer.TryWrite(change);
            return Task.CompletedTask;
        });

        var booked = await BookThroughAsync(servers.A, demo.Fede, 10);
        var marker = await BookThroughAsync(servers.A, demo.Fede, 11);

        var seen = new List<BookingChange>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a hang guard, not a latency assertion
        while (seen.All(c => c.BookingId != marker))
            seen.Add(await heard.Reader.ReadAsync(guard.Token));
        Assert.Single(seen, c => c.BookingId == booked && c.Kind == BookingChangeKind.Created);
        Assert.Single(seen, c => c.BookingId == marker && c.Kind == BookingChangeKind.Created);
    }

    [Fact]
    public async Task ACookieAndAnAntiforgeryToken_IssuedByOneServer_AreReadByTheOther()
    {
        // Cookies go by host, not port: both servers are 127.0.0.1, so one jar serves both.
        static HttpClient To(Node node, CookieContainer jar) =>
            new(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        var jar = new CookieContainer();
        using var toA = To(servers.A, jar);
        using var toB = To(servers.B, jar);

        // The sign-in form (and its antiforgery cookie and token) from B, posted to A.
        var token = await BarberProWebApp.AntiforgeryTokenAsync(toB, "/cuenta/ingresar");
        var signedIn = await toA.PostAsync("/cuenta/ingresar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = "owner@barberpro.local",
            ["Input.Password"] = ApiWebApp.DemoPassword,
        }));
        Assert.True(BarberProWebApp.IsRedirectTo(signedIn, "/inicio"), $"{signedIn.StatusCode} {signedIn.Headers.Location}");

        // The sign-in cookie A issued, read by B.
        var onB = await toB.GetAsync("/inicio"); // [Authorize]: without the cookie read, a redirect to sign in
        Assert.True(onB.StatusCode == HttpStatusCode.OK, $"{onB.StatusCode} {onB.Headers.Location}");
        // Both read one key ring because it lives in the shared database, not on each machine's disk.
        await using var scope = servers.B.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BarberPro.Domain.Data.BarberProDbContext>();
        Assert.NotEmpty(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys));
    }

    [Fact]
    public async Task Health_ReportsRedisOnEachServer()
    {
        foreach (var node in new[] { servers.A, servers.B })
        {
            using var client = node.Client();
            var health = await client.GetFromJsonAsync<JsonElement>("/api/health");
            Assert.Equal("healthy", health.GetProperty("status").GetString());
            Assert.Equal("healthy", health.GetProperty("redis").GetProperty("status").GetString());
        }
    }
}
