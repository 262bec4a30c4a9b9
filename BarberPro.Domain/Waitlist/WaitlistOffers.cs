using BarberPro.Domain.Availability;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Waitlist;

/// <summary>
/// Offers freed time to the waitlist, inside the agenda write that freed it (under the provider's calendar lock, in the
/// same transaction): the first matching waiting entry in order of joining gets a hold and an outbox row.
/// <para>
/// What is offered: for each waiting entry in order of joining (CreatedAt, Id), the earliest free customer slot of the
/// provider on the entry's date inside its window (start ≥ From, end ≤ To) — whether or not it overlaps exactly what was
/// freed; any free slot the entry fits is as good for the customer. The loop goes on while slots remain, so one
/// cancellation that frees room for two shorter services offers both. Each offer is saved before the next entry is
/// considered, so the agenda the next entry sees counts it as busy: a slot is never held twice. An entry already offered
/// is not <see cref="WaitlistStatus.Waiting"/>, so it never holds two slots; two writers under different calendar locks
/// racing for one "cualquiera" entry meet on its <see cref="WaitlistEntry.Version"/>: one gets
/// <see cref="DbUpdateConcurrencyException"/> and <see cref="AgendaWriter"/> retries it from the top.
/// </para>
/// <para>
/// Changes the caller made to the context are flushed first (<c>SaveChanges</c> inside the writer's
/// transaction, which commits later or rolls back with everything), so the queries here see the time as freed.
/// </para>
/// </summary>
public static class WaitlistOffers
{
    /// <summary>
    /// Called by every agenda write that frees an individual slot of <paramref name="providerId"/> on the shop-local
    /// <paramref name="date"/> (a cancellation, a move away, a declined or expired hold), after its change is made to
    /// <paramref name="db"/> but before saving: offers what is now free to the matching entries in order of joining.
    /// Returns the entries offered a slot.
    /// </summary>
    internal static async Task<IReadOnlyList<WaitlistEntry>> OfferFreedAsync(BarberProDbContext db, Guid shopId, Guid providerId, LocalDate date, Instant now, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null)
            return [];
        var entries = await db.WaitlistEntries
            .Where(e => e.ShopId == shopId && e.Date == date && e.Status == WaitlistStatus.Waiting && e.SessionId == null
                && (e.ProviderId == providerId || e.ProviderId == null))
            .ToListAsync(ct);
        var offered = new List<WaitlistEntry>();
        foreach (var entry in entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id))
        {
            var agenda = await AgendaLoader.LoadAsync(db, providerId, entry.OfferingId, date, date, now, null, ct);
            if (agenda is null || !agenda.IsBookable)
                continue;
            if (FirstFitting(agenda.Input, entry, now) is not { } start)
                continue;
            var blocked = agenda.Input.Shape.BlockedAt(start);
            entry.Offer(providerId, start, start + agenda.Input.Shape.Duration, blocked.Start, blocked.End, now, shop.Policy.WaitlistHold);
            db.Outbox.Add(OutboxMessage.WaitlistOffered(shopId, providerId, entry.Id, null, start, start + agenda.Input.Shape.Duration, date, now));
            // Saved now so the next entry's agenda counts this hold as busy.
            await db.SaveChangesAsync(ct);
            offered.Add(entry);
        }
        return offered;
    }

    /// <summary>
    /// Called when a seat of <paramref name="session"/> frees (a participant left, capacity grew, a hold ended): offers
    /// the places left (<see cref="GroupSeats.PlacesLeftAsync"/>) to the entries waiting for the session, in order of
    /// joining; each hold is the session's span. Returns the entries offered a seat.
    /// </summary>
    internal static async Task<IReadOnlyList<WaitlistEntry>> SeatFreedAsync(BarberProDbContext db, GroupSession session, Instant now, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (session.Status != GroupSessionStatus.Open || session.Start <= now)
            return [];
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == session.ShopId, ct);
        if (shop is null)
            return [];
        var places = await GroupSeats.PlacesLeftAsync(db, session, now, ct);
        var offered = new List<WaitlistEntry>();
        if (places <= 0)
            return offered;
        var entries = await db.WaitlistEntries
            .Where(e => e.SessionId == session.Id && e.Status == WaitlistStatus.Waiting)
            .ToListAsync(ct);
        foreach (var entry in entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(places))
        {
            entry.Offer(session.ProviderId, session.Start, session.End, session.BlockedStart, session.BlockedEnd, now, shop.Policy.WaitlistHold);
            db.Outbox.Add(OutboxMessage.WaitlistOffered(shop.Id, session.ProviderId, entry.Id, session.Id, session.Start, session.End, session.LocalStartDate, now));
            await db.SaveChangesAsync(ct);
            offered.Add(entry);
        }
        return offered;
    }

    /// <summary>
    /// Called when <paramref name="session"/> is cancelled, under its provider's lock: the entries waiting for a seat (or
    /// holding one) expire, since the class will not happen, and the provider's freed time goes to the day's waitlist.
    /// </summary>
    internal static async Task SessionCancelledAsync(BarberProDbContext db, GroupSession session, Instant now, CancellationToken ct)
    {
        var waiting = await db.WaitlistEntries
            .Where(e => e.SessionId == session.Id && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered))
            .ToListAsync(ct);
        foreach (var entry in waiting)
            entry.MarkExpired(now);
        await OfferFreedAsync(db, session.ShopId, session.ProviderId, session.LocalStartDate, now, ct);
    }

    /// <summary>The earliest free customer start on the entry's date whose service lies inside the entry's window; null when none.</summary>
    internal static Instant? FirstFitting(AvailabilityInput input, WaitlistEntry entry, Instant now) =>
        AvailabilityEngine.GetSlots(input, entry.Date, now)
            .Cast<Instant?>()
            .FirstOrDefault(s => Fits(input, entry, s!.Value));

    /// <summary>Whether a service starting at <paramref name="start"/> lies inside the entry's window ("de 17 a 20").</summary>
    internal static bool Fits(AvailabilityInput input, WaitlistEntry entry, Instant start)
    {
        var localStart = start.InZone(input.Zone).LocalDateTime;
        var localEnd = (start + input.Shape.Duration).InZone(input.Zone).LocalDateTime;
        return (entry.From is not { } from || localStart >= entry.Date.At(from))
            && (entry.To is not { } to || localEnd <= entry.Date.At(to));
    }
}
