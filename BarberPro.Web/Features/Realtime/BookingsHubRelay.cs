using System.Threading.Channels;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Realtime;

/// <summary>
/// Forwards each committed change to the hub's groups, once for the whole deployment: it is an
/// <see cref="IOutboxListener"/>, told by the outbox dispatcher that published the change (one per row, whichever
/// server), and with several servers its sends reach every server's hub clients through the SignalR Redis backplane.
/// (Relaying every server's live events instead would send each event once per server.) Being told only queues; one
/// loop sends, in the order the changes were published.
/// <list type="bullet">
/// <item>agenda:{provider} gets bookingCreated/Updated/Cancelled, and availabilityChanged for schedule changes.</item>
/// <item>agenda:{provider} and shop-sessions:{shop} get sessionSeatsChanged for a group session's change.</item>
/// <item>availability:{provider}:{date} gets availabilityChanged for each date a change touched; a schedule change
/// that names no date (weekly hours, services) reaches every bookable date, today to the shop's horizon.</item>
/// </list>
/// </summary>
public sealed class BookingsHubRelay(IHubContext<BookingsHub> hub, IDbContextFactory<BarberProDbContext> dbFactory,
    IClock clock, ILogger<BookingsHubRelay> logger) : IHostedService, IOutboxListener, IDisposable
{
    private readonly Channel<BookingChange> _queue = Channel.CreateUnbounded<BookingChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private bool _disposed;

    public void OnPublished(BookingChange change) => _queue.Writer.TryWrite(change);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop; a no-op once disposed (a host may dispose its services before a late stop, or while it stops).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
            return;
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null)
            await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var change in _queue.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await ForwardAsync(change, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not forward {Kind} of provider {ProviderId} to the hub.", change.Kind, change.ProviderId);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ForwardAsync(BookingChange change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == change.ShopId, ct);
        if (shop is null)
            return;
        var zone = shop.TimeZone;
        var at = ApiTime.Out(change.At, zone);
        var agenda = hub.Clients.Group(BookingsHub.AgendaGroup(change.ProviderId));

        var dates = change.Dates.ToList();
        string cause;
        if (await SessionSeatsRelay.TryForwardAsync(change, hub, db, clock, zone, ct))
        {
            // A session opened or cancelled changes the provider's free time; seats changing do not, but re-reading is harmless.
            cause = "sessionChanged";
        }
        else if (change.Kind == BookingChangeKind.AvailabilityChanged)
        {
            cause = "scheduleChanged";
            await agenda.SendAsync(BookingsHubEvents.AvailabilityChanged,
                new AvailabilityChangedEvent(change.ProviderId, change.ShopId, dates.Select(ApiTime.Out).ToList(), cause, at), ct);
            if (dates.Count == 0)
            {
                var today = clock.GetCurrentInstant().InZone(zone).Date;
                for (var d = today; d <= today.PlusDays(shop.Policy.HorizonDays); d = d.PlusDays(1))
                    dates.Add(d);
            }
        }
        else if (change.Kind == BookingChangeKind.WaitlistOffered)
        {
            // The row names only the entry: its customer's user is read here, and only that user's connections hear it.
            cause = "waitlistOffered";
            var offer = await db.WaitlistEntries.AsNoTracking().Where(e => e.Id == change.WaitlistEntryId)
                .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { c.UserId, e.OfferExpiresAt })
                .SingleOrDefaultAsync(ct);
            if (offer?.UserId is { } userId && change.Start is { } start && change.End is { } end && offer.OfferExpiresAt is { } expires)
                await hub.Clients.Group(BookingsHub.UserGroup(userId)).SendAsync(BookingsHubEvents.WaitlistOffered,
                    new WaitlistOfferedEvent(change.WaitlistEntryId!.Value, change.ShopId, change.ProviderId, change.SessionId,
                        ApiTime.Out(start, zone), ApiTime.Out(end, zone), ApiTime.Out(expires, zone), at), ct);
        }
        else
        {
            (var name, cause) = change.Kind switch
            {
                BookingChangeKind.Created => (BookingsHubEvents.BookingCreated, "bookingCreated"),
                BookingChangeKind.Cancelled => (BookingsHubEvents.BookingCancelled, "bookingCancelled"),
                _ => (BookingsHubEvents.BookingUpdated, "bookingUpdated"),
            };
            await agenda.SendAsync(name, new BookingEvent(change.BookingId, change.ShopId, change.ProviderId, change.Status,
                Out(change.Start, zone), Out(change.End, zone), Out(change.PreviousStart, zone), dates.Select(ApiTime.Out).ToList(), at, change.SessionId), ct);
        }

        foreach (var date in dates)
        {
            await hub.Clients.Group(BookingsHub.AvailabilityGroup(change.ProviderId, ApiTime.Out(date))).SendAsync(BookingsHubEvents.AvailabilityChanged,
                new AvailabilityChangedEvent(change.ProviderId, change.ShopId, [ApiTime.Out(date)], cause, at), ct);
        }
    }

    private static DateTimeOffset? Out(Instant? instant, DateTimeZone zone) => instant is { } i ? ApiTime.Out(i, zone) : null;

    /// <summary>
    /// Stops the loop. Idempotent: the container disposes the one instance once per registration (relay, listener, hosted
    /// service). The token source is cancelled, never disposed: a host may stop the relay while its service provider
    /// disposes it (a CI run's test cleanup met a stop that had passed its "disposed?" check and then the disposed
    /// source), and a source with no timer and no linked tokens holds nothing that needs disposing.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stopping.Cancel();
    }
}
