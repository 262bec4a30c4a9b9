using BarberPro.Domain.Common;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Web.Features.Realtime;

/// <summary>
/// Real-time agenda and availability changes (docs/API.md lists the events and payloads). Connect with a bearer
/// token (header, or ?access_token= for WebSockets) to watch an agenda; availability may be watched anonymously.
/// Every method checks who is asking: an agenda is the provider's, their shop owner's and admins'
/// (<see cref="Access.CanManageAgenda"/>); anyone else is told it does not exist and is not subscribed.
/// </summary>
public sealed class BookingsHub(IDbContextFactory<BarberProDbContext> dbFactory) : Hub
{
    public static string AgendaGroup(Guid providerId) => $"agenda:{providerId:N}";

    public static string AvailabilityGroup(Guid providerId, string date) => $"availability:{providerId:N}:{date}";

    /// <summary>Every connection of one signed-in user: events meant for that person only (waitlistOffered).</summary>
    public static string UserGroup(string userId) => $"user:{userId}";

    /// <summary>A signed-in connection joins its own user's group, and only that one: waitlistOffered reaches the offered customer alone.</summary>
    public override async Task OnConnectedAsync()
    {
        if (ApiActors.UserId(Context.User!) is { } userId)
            await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(userId), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>Receive bookingCreated, bookingUpdated, bookingCancelled and availabilityChanged for one provider's agenda.</summary>
    public async Task SubscribeToAgenda(Guid providerId)
    {
        var actors = ApiActors.All(Context.User!);
        if (actors.Count == 0)
            throw new HubException("Iniciá sesión para ver una agenda.");
        await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
        var provider = await db.Providers.AsNoTracking().Include(p => p.Shop).SingleOrDefaultAsync(p => p.Id == providerId, Context.ConnectionAborted);
        if (provider?.Shop is null || !actors.Any(actor => Access.CanManageAgenda(actor, provider, provider.Shop)))
            throw new HubException("No encontramos esa agenda.");
        await Groups.AddToGroupAsync(Context.ConnectionId, AgendaGroup(providerId), Context.ConnectionAborted);
    }

    public static string ShopSessionsGroup(Guid shopId) => $"shop-sessions:{shopId:N}";

    /// <summary>Receive sessionSeatsChanged for every group session of a shop (places left, capacity, cancellation); anyone may watch, as anyone may list them.</summary>
    public async Task SubscribeToShopSessions(Guid shopId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
        if (!await db.Shops.AnyAsync(s => s.Id == shopId, Context.ConnectionAborted))
            throw new HubException("No encontramos ese local.");
        await Groups.AddToGroupAsync(Context.ConnectionId, ShopSessionsGroup(shopId), Context.ConnectionAborted);
    }

    public async Task UnsubscribeFromShopSessions(Guid shopId) =>
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ShopSessionsGroup(shopId), Context.ConnectionAborted);

    public async Task UnsubscribeFromAgenda(Guid providerId) =>
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AgendaGroup(providerId), Context.ConnectionAborted);

    /// <summary>Receive availabilityChanged whenever the free slots of a provider on a date (YYYY-MM-DD, shop calendar) may have changed.</summary>
    public async Task SubscribeToAvailability(Guid providerId, string date)
    {
        if (!ApiTime.TryParseDate(date, out var day))
            throw new HubException("La fecha no es válida. Usá el formato AAAA-MM-DD.");
        await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
        if (!await db.Providers.AnyAsync(p => p.Id == providerId && p.Active, Context.ConnectionAborted))
            throw new HubException("No encontramos ese profesional.");
        await Groups.AddToGroupAsync(Context.ConnectionId, AvailabilityGroup(providerId, ApiTime.Out(day)), Context.ConnectionAborted);
    }

    public async Task UnsubscribeFromAvailability(Guid providerId, string date)
    {
        if (!ApiTime.TryParseDate(date, out var day))
            throw new HubException("La fecha no es válida. Usá el formato AAAA-MM-DD.");
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AvailabilityGroup(providerId, ApiTime.Out(day)), Context.ConnectionAborted);
    }
}

/// <summary>The hub's client events, by the names clients listen to.</summary>
public static class BookingsHubEvents
{
    public const string BookingCreated = "bookingCreated";
    public const string BookingUpdated = "bookingUpdated";
    public const string BookingCancelled = "bookingCancelled";
    public const string AvailabilityChanged = "availabilityChanged";
    public const string WaitlistOffered = "waitlistOffered";
    public const string SessionSeatsChanged = "sessionSeatsChanged";
}

/// <summary>Payload of waitlistOffered, sent to the offered customer only: a slot (or a session seat) is held for their entry until <paramref name="ExpiresAt"/>; accept with POST /api/v1/waitlist/{entryId}/accept.</summary>
public sealed record WaitlistOfferedEvent(Guid EntryId, Guid ShopId, Guid ProviderId, Guid? SessionId, DateTimeOffset Start, DateTimeOffset End,
    DateTimeOffset ExpiresAt, DateTimeOffset At);

/// <summary>Payload of bookingCreated, bookingUpdated and bookingCancelled: what changed, never who the customer is.</summary>
/// <param name="PreviousStart">After a reschedule, where the booking was.</param>
/// <param name="Dates">The shop-calendar dates whose availability changed (the booking's, and the previous one after a move).</param>
/// <param name="SessionId">For a seat in a group session, the session (its places changed too: see sessionSeatsChanged); null for an individual booking.</param>
public sealed record BookingEvent(
    Guid BookingId, Guid ShopId, Guid ProviderId, BookingStatus? Status, DateTimeOffset? Start, DateTimeOffset? End,
    DateTimeOffset? PreviousStart, IReadOnlyList<string> Dates, DateTimeOffset At, Guid? SessionId = null);

/// <summary>Payload of availabilityChanged: re-read the free slots of these dates.</summary>
/// <param name="Cause">bookingCreated, bookingUpdated, bookingCancelled or scheduleChanged (hours, date overrides, time off, services).</param>
public sealed record AvailabilityChangedEvent(Guid ProviderId, Guid ShopId, IReadOnlyList<string> Dates, string Cause, DateTimeOffset At);
