using System.Text.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using NodaTime.Text;
using StackExchange.Redis;

namespace BarberPro.Web.Features.Cluster;

/// <summary>
/// What lets several servers share one database (docs/DEPLOY.md, docs/decisions/0014):
/// <list type="bullet">
/// <item>Always: ASP.NET Core's Data Protection keys live in the database, so a cookie or an antiforgery token issued by
/// one server is read by every other (and survives a redeploy).</item>
/// <item>With <c>ConnectionStrings:Redis</c>: the outbox dispatcher publishes each change to a Redis channel
/// (<see cref="RedisOutboxPublisher"/>) that every server listens to and hands to its own live pages
/// (<see cref="RedisAgendaSubscriber"/>); the SignalR hub uses the Redis backplane, so the one relay of each change
/// reaches hub clients on every server.</item>
/// </list>
/// Without Redis the app is one server: changes go to this process's pages and hub directly.
/// </summary>
public static class ClusterSetup
{
    public const string RedisConnectionName = "Redis";

    /// <summary>The Redis channel of committed agenda changes (versioned with the message's shape).</summary>
    public static readonly RedisChannel AgendaChannel = RedisChannel.Literal("barberpro:agenda:v1");

    /// <summary>Whether this deployment runs as several servers (Redis configured).</summary>
    public static bool IsCluster(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisConnectionName));

    public static WebApplicationBuilder AddBarberProCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("BarberPro")
            .PersistKeysToDbContext<BarberProDbContext>();

        if (builder.Configuration.GetConnectionString(RedisConnectionName) is not { Length: > 0 } redis)
            return builder;
        var options = ConfigurationOptions.Parse(redis);
        // Start even when Redis is down (the database is the truth; health says degraded), and keep reconnecting.
        options.AbortOnConnectFail = false;
        options.ClientName ??= $"barberpro-{Environment.MachineName}";
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<IOutboxPublisher, RedisOutboxPublisher>();
        builder.Services.AddHostedService<RedisAgendaSubscriber>();
        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = options.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal("barberpro:signalr");
        });
        return builder;
    }
}

/// <summary>A <see cref="BookingChange"/> as it travels through Redis: ids, ticks and ISO dates (no personal data, like the outbox row).</summary>
internal sealed record RedisAgendaMessage(
    BookingChangeKind Kind, Guid BookingId, Guid ShopId, Guid ProviderId, BookingStatus? Status, long? Start, long? End, long? PreviousStart,
    string[] Dates, long At, Guid? SessionId, Guid? WaitlistEntryId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(BookingChange c) => JsonSerializer.Serialize(new RedisAgendaMessage(c.Kind, c.BookingId, c.ShopId, c.ProviderId,
        c.Status, c.Start?.ToUnixTimeTicks(), c.End?.ToUnixTimeTicks(), c.PreviousStart?.ToUnixTimeTicks(),
        [.. c.Dates.Select(LocalDatePattern.Iso.Format)], c.At.ToUnixTimeTicks(), c.SessionId, c.WaitlistEntryId), Json);

    /// <summary>The change, or null when the message is not one of ours (another version, garbage).</summary>
    public static BookingChange? Deserialize(string? text)
    {
        try
        {
            if (string.IsNullOrEmpty(text) || JsonSerializer.Deserialize<RedisAgendaMessage>(text, Json) is not { } m)
                return null;
            return new BookingChange(m.Kind, m.BookingId, m.ShopId, m.ProviderId, m.Status, Instant(m.Start), Instant(m.End), Instant(m.PreviousStart),
                [.. m.Dates.Select(d => LocalDatePattern.Iso.Parse(d).GetValueOrThrow())], NodaTime.Instant.FromUnixTimeTicks(m.At), m.SessionId, m.WaitlistEntryId);
        }
        catch (Exception e) when (e is JsonException or UnparsableValueException or NotSupportedException)
        {
            return null;
        }
    }

    private static Instant? Instant(long? ticks) => ticks is { } t ? NodaTime.Instant.FromUnixTimeTicks(t) : null;
}

/// <summary>
/// Several servers: publishes each change the outbox dispatcher claimed to the Redis channel every server listens to
/// (this one included), then tells the once-per-change listeners here (the hub relay, whose sends the backplane carries
/// to every server). When Redis cannot take it, the publish throws and the row stays pending for the next pass.
/// </summary>
public sealed class RedisOutboxPublisher(IConnectionMultiplexer redis, IEnumerable<IOutboxListener> listeners) : IOutboxPublisher
{
    private readonly IOutboxListener[] _listeners = [.. listeners];

    public async Task PublishAsync(BookingChange change)
    {
        await redis.GetSubscriber().PublishAsync(ClusterSetup.AgendaChannel, RedisAgendaMessage.Serialize(change));
        OutboxListeners.Notify(_listeners, change);
    }
}

/// <summary>Every server: hands each change published on the Redis channel to this server's live pages (<see cref="IBookingEvents"/>).</summary>
public sealed class RedisAgendaSubscriber(IConnectionMultiplexer redis, IBookingEvents events, ILogger<RedisAgendaSubscriber> logger) : IHostedService
{
    private ChannelMessageQueue? _queue;

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Subscribes in the background: a server starts (and books) while Redis is down, and subscribes once it is back.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => SubscribeAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(ClusterSetup.AgendaChannel);
                // In order, one at a time, as the dispatcher published them; a handler failing does not stop the next.
                queue.OnMessage(async message =>
                {
                    if (RedisAgendaMessage.Deserialize(message.Message) is { } change)
                        await events.PublishAsync(change);
                    else
                        logger.LogWarning("Ignored a message on {Channel} that is not an agenda change.", ClusterSetup.AgendaChannel);
                });
                _queue = queue;
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Could not subscribe to {Channel} yet; live updates from other servers wait for Redis.", ClusterSetup.AgendaChannel);
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_queue is not null)
            await _queue.UnsubscribeAsync();
    }
}
