using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Waitlist;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Sessions;

/// <summary>
/// The one place that counts a group session's seats: participants (seat bookings in a blocking status) plus seats held
/// for waitlist offers live at "now". Read it under the provider's calendar lock before a seat changes hands; outside the
/// lock it is a display value.
/// </summary>
public static class GroupSeats
{
    /// <summary>Seats taken by participants of <paramref name="sessionId"/>.</summary>
    public static Task<int> ParticipantsAsync(BarberProDbContext db, Guid sessionId, CancellationToken ct) =>
        db.Bookings.ThatAreActive().CountAsync(b => b.SessionId == sessionId, ct);

    /// <summary>Seats of <paramref name="sessionId"/> held at <paramref name="now"/> for waitlist offers, except <paramref name="exceptEntryId"/>'s.</summary>
    public static Task<int> HeldAsync(BarberProDbContext db, Guid sessionId, Instant now, CancellationToken ct, Guid? exceptEntryId = null) =>
        db.WaitlistEntries.Where(WaitlistEntry.LiveAt(now))
            .CountAsync(e => e.SessionId == sessionId && (exceptEntryId == null || e.Id != exceptEntryId), ct);

    /// <summary>Places left for a new participant: capacity minus participants minus live holds (other than <paramref name="exceptEntryId"/>'s), never below 0.</summary>
    public static async Task<int> PlacesLeftAsync(BarberProDbContext db, GroupSession session, Instant now, CancellationToken ct, Guid? exceptEntryId = null)
    {
        var taken = await ParticipantsAsync(db, session.Id, ct) + await HeldAsync(db, session.Id, now, ct, exceptEntryId);
        return Math.Max(0, session.Capacity - taken);
    }
}
