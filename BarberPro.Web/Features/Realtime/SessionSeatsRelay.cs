using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Sessions;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Realtime;

/// <summary>
/// Payload of sessionSeatsChanged: a group session was opened, changed capacity, gained or lost a participant, or was
/// cancelled. Counts only, never who joined (the participant list is staff-only, GET /api/v1/sessions/{id}/participants).
/// </summary>
public sealed record SessionSeatsChangedEvent(Guid SessionId, Guid ShopId, Guid ProviderId, DateTimeOffset Start, DateTimeOffset End,
    int Capacity, int Participants, int PlacesLeft, GroupSessionStatus Status, DateTimeOffset At);

/// <summary>How <see cref="BookingsHubRelay"/> forwards a session's change: to the provider's agenda and the shop's sessions group.</summary>
internal static class SessionSeatsRelay
{
    /// <summary>Sends sessionSeatsChanged for a <see cref="BookingChangeKind.SessionChanged"/> change; false for any other change.</summary>
    public static async Task<bool> TryForwardAsync(BookingChange change, IHubContext<BookingsHub> hub, BarberProDbContext db, IClock clock,
        DateTimeZone zone, CancellationToken ct)
    {
        if (change.Kind != BookingChangeKind.SessionChanged || change.SessionId is not { } sessionId)
            return false;
        var session = await db.GroupSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
            return true;
        var now = clock.GetCurrentInstant();
        var payload = new SessionSeatsChangedEvent(session.Id, session.ShopId, session.ProviderId, ApiTime.Out(session.Start, zone),
            ApiTime.Out(session.End, zone), session.Capacity, await GroupSeats.ParticipantsAsync(db, session.Id, ct),
            session.BlocksTime ? await GroupSeats.PlacesLeftAsync(db, session, now, ct) : 0, session.Status, ApiTime.Out(change.At, zone));
        await hub.Clients.Group(BookingsHub.AgendaGroup(session.ProviderId)).SendAsync(BookingsHubEvents.SessionSeatsChanged, payload, ct);
        await hub.Clients.Group(BookingsHub.ShopSessionsGroup(session.ShopId)).SendAsync(BookingsHubEvents.SessionSeatsChanged, payload, ct);
        return true;
    }
}
