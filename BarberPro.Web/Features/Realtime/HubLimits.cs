using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BarberPro.Web.Features.Realtime;

/// <summary>The "Realtime" configuration section: what one user (or one IP address, when anonymous) may do on the hub.</summary>
public sealed class RealtimeLimitOptions
{
    public const string Section = "Realtime";

    /// <summary>Open hub connections per signed-in user.</summary>
    public int ConnectionsPerUser { get; set; } = 10;

    /// <summary>Open anonymous hub connections per IP address (higher: phones behind one carrier NAT share an address).</summary>
    public int ConnectionsPerIp { get; set; } = 50;

    public int ConnectionsOf(string source) => source.StartsWith(HubSource.UserPrefix, StringComparison.Ordinal) ? ConnectionsPerUser : ConnectionsPerIp;

    /// <summary>Hub calls per user (or IP) per <see cref="InvocationWindowSeconds"/>: a bucket of this many, refilled evenly over the window.</summary>
    public int Invocations { get; set; } = 60;

    public int InvocationWindowSeconds { get; set; } = 60;

    /// <summary>At most one warning per source in this many seconds about refused calls; the others are counted into the next one.</summary>
    public int RefusalLogSeconds { get; set; } = 60;
}

/// <summary>Who a hub client is for the limits: "user:{id}" with a bearer token, otherwise "ip:{address}".</summary>
public static class HubSource
{
    public const string UserPrefix = "user:";

    public static string Of(ClaimsPrincipal? user, IPAddress? address) =>
        user is not null && ApiActors.UserId(user) is { } userId ? UserPrefix + userId : "ip:" + (address?.ToString() ?? "unknown");
}

/// <summary>Open connections and a call budget per source. Singleton.</summary>
public sealed class HubLimits(IOptions<RealtimeLimitOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _open = new();
    private readonly PartitionedRateLimiter<string> _calls = PartitionedRateLimiter.Create<string, string>(source =>
        RateLimitPartition.GetTokenBucketLimiter(source, _ =>
        {
            var o = options.Value;
            var tokens = Math.Max(1, o.Invocations);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = tokens,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, o.InvocationWindowSeconds)) / tokens,
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        }));

    public bool IsFull(string source) => _open.TryGetValue(source, out var open) && open >= options.Value.ConnectionsOf(source);

    /// <summary>Counts a new connection; false (and not counted) when the source already has its maximum.</summary>
    public bool TryOpen(string source)
    {
        while (true)
        {
            var open = _open.GetOrAdd(source, 0);
            if (open >= options.Value.ConnectionsOf(source))
                return false;
            if (_open.TryUpdate(source, open + 1, open))
                return true;
        }
    }

    public void Close(string source)
    {
        while (_open.TryGetValue(source, out var open))
        {
            if (open <= 1 ? _open.TryRemove(KeyValuePair.Create(source, open)) : _open.TryUpdate(source, open - 1, open))
                return;
        }
    }

    public bool TryCall(string source)
    {
        using var lease = _calls.AttemptAcquire(source);
        return lease.IsAcquired;
    }

    public void Dispose() => _calls.Dispose();
}

/// <summary>
/// Refusals (a subscription the caller may not have, a call over budget, a connection over the cap) are warnings, not
/// errors, and at most one per source per <see cref="RealtimeLimitOptions.RefusalLogSeconds"/>, carrying how many were
/// not logged since the previous one: a client cannot flood the log. Time is the app's <see cref="IClock"/>.
/// </summary>
public sealed class HubRefusalLog(IClock clock, IOptions<RealtimeLimitOptions> options, ILogger<HubRefusalLog> logger)
{
    private const int MaxSources = 10_000;
    private readonly ConcurrentDictionary<string, Window> _sources = new();

    public void Refused(string source, string what, string reason)
    {
        var now = clock.GetCurrentInstant();
        var every = Duration.FromSeconds(Math.Max(1, options.Value.RefusalLogSeconds));
        if (_sources.Count >= MaxSources)
        {
            foreach (var (key, stale) in _sources)
            {
                if (stale.IsIdle(now, every))
                    _sources.TryRemove(key, out _);
            }
        }
        var window = _sources.GetOrAdd(source, _ => new Window());
        if (window.TryLog(now, every, out var suppressed))
        {
            logger.LogWarning("Hub refused {What} from {Source}: {Reason} ({Suppressed} more refusals from this source were not logged since the last warning).",
                what, source, reason, suppressed);
        }
    }

    private sealed class Window
    {
        private Instant? _logged;
        private int _suppressed;

        public bool TryLog(Instant now, Duration every, out int suppressed)
        {
            lock (this)
            {
                suppressed = _suppressed;
                if (_logged is { } last && now - last < every)
                {
                    _suppressed++;
                    return false;
                }
                _logged = now;
                _suppressed = 0;
                return true;
            }
        }

        public bool IsIdle(Instant now, Duration every)
        {
            lock (this)
                return _logged is not { } last || now - last >= every;
        }
    }
}

/// <summary>
/// The hub's guard: a call budget per source (over it, the call is refused with a HubException), a connection cap per
/// source (a connection over it is closed at once; new ones are refused with 429 before they open, see
/// <see cref="RealtimeSetup.MapBarberProRealtime"/>), and the one place hub failures are logged: refusals through
/// <see cref="HubRefusalLog"/>, anything else as an error.
/// </summary>
public sealed class HubGuard(HubLimits limits, HubRefusalLog refusals, ILogger<HubGuard> logger) : IHubFilter
{
    public const string TooManyCalls = "Demasiadas solicitudes. Esperá un momento y probá de nuevo.";
    private const string SourceItem = "BarberPro.HubSource";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var source = SourceOf(context);
        var method = invocationContext.HubMethodName;
        if (!limits.TryCall(source))
        {
            refusals.Refused(source, method, "too many calls");
            throw new HubException(TooManyCalls);
        }
        try
        {
            return await next(invocationContext);
        }
        catch (HubException e)
        {
            refusals.Refused(source, method, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Hub method {Method} failed for {Source}.", method, source);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var source = SourceOf(context.Context);
        if (!limits.TryOpen(source))
        {
            refusals.Refused(source, "a connection", "too many connections");
            context.Context.Abort();
            return;
        }
        context.Context.Items[SourceItem] = source;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.TryGetValue(SourceItem, out var source) && source is string counted)
                limits.Close(counted);
        }
    }

    private static string SourceOf(HubCallerContext context) =>
        context.Items.TryGetValue(SourceItem, out var source) && source is string known
            ? known
            : HubSource.Of(context.User, context.GetHttpContext()?.Connection.RemoteIpAddress);

    /// <summary>Refuses a request that would open one more connection for a source at its cap: 429 with Retry-After.</summary>
    internal static async Task RefuseOverCapAsync(HttpContext context, Func<Task> next)
    {
        var opensConnection = context.Request.Path.Value?.EndsWith("/negotiate", StringComparison.Ordinal) == true
            || (context.WebSockets.IsWebSocketRequest && !context.Request.Query.ContainsKey("id"));
        if (opensConnection)
        {
            var source = HubSource.Of(context.User, context.Connection.RemoteIpAddress);
            if (context.RequestServices.GetRequiredService<HubLimits>().IsFull(source))
            {
                context.RequestServices.GetRequiredService<HubRefusalLog>().Refused(source, "a connection", "too many connections");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = 60.ToString(CultureInfo.InvariantCulture);
                return;
            }
        }
        await next();
    }
}
