using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Outbox;
using BarberPro.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BarberPro.Domain.Waitlist;

/// <summary>What a customer asks to wait for: an offering on a date, with a provider or any (null), and an optional window; or a full group session.</summary>
/// <param name="From">Earliest local start ("de 17…"); null for any.</param>
/// <param name="To">Latest local end ("…a 20"); null for any.</param>
/// <param name="SessionId">A full group session to wait for a place in; its offering, provider and date then come from it.</param>
public sealed record JoinWaitlist(Guid OfferingId, Guid? ProviderId, LocalDate Date, LocalTime? From = null, LocalTime? To = null, Guid? SessionId = null);

/// <summary>An entry with what a page or the API shows about it (its customer's name and phone only to the customer and the shop's staff).</summary>
public sealed record WaitlistView(WaitlistEntry Entry, string ShopName, string ShopTimeZoneId, string OfferingName,
    string? ProviderName, string? OfferProviderName, string CustomerName, string? CustomerPhone)
{
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ShopTimeZoneId];
}

/// <summary>
/// The waitlist: customers join and leave, accept or decline a held slot; staff see the queue of a day and offer a
/// slot by hand; <see cref="PassExpiredOffersAsync"/> passes unanswered offers on. Every change that takes or frees
/// agenda time runs on <see cref="AgendaWriter"/> under the provider's calendar lock, and offers go through
/// <see cref="WaitlistOffers"/> (the one place that decides who is offered what).
/// </summary>
public sealed class WaitlistService(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock, AgendaWriter writer,
    BookingService bookings, SessionService sessions, ILogger<WaitlistService> logger)
{
    /// <summary>
    /// Joins the waitlist as the customer <paramref name="actor"/>. Refused when the date has passed or is beyond the
    /// shop's horizon, the window is empty, there is a free slot that fits (book it instead), the session still has
    /// places, or the customer already waits for the same thing.
    /// </summary>
    public async Task<Result<WaitlistEntry>> JoinAsync(JoinWaitlist request, Actor actor, CancellationToken ct = default)
    {
        if (actor.IsStaff)
            return Result<WaitlistEntry>.NotFound();
        // Under the calendar lock of what the entry waits for (the session's provider, the provider asked for, or every
        // provider of the shop for "cualquiera"), like every write that offers freed time: a double tap cannot add the same
        // entry twice, and no slot can free between "the day is full" and the insert without being offered to it.
        AgendaLock? agendaLock;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
            agendaLock = request switch
            {
                { SessionId: { } sid } => await read.GroupSessions.Where(s => s.Id == sid).Select(s => (Guid?)s.ProviderId).SingleOrDefaultAsync(ct) is { } p
                    ? new AgendaLock.Provider(p) : null,
                { ProviderId: { } pid } => new AgendaLock.Provider(pid),
                _ => await read.Offerings.Where(o => o.Id == request.OfferingId).Select(o => (Guid?)o.ShopId).SingleOrDefaultAsync(ct) is { } shopId
                    ? new AgendaLock.Shop(shopId) : null,
            };
        if (agendaLock is null)
            return Result<WaitlistEntry>.NotFound();
        var result = await writer.RunAsync(agendaLock, async (db, now) =>
        {
            var joined = await JoinLockedAsync(db, request, actor, now, ct);
            return joined.Succeeded ? AgendaDecision<Result<WaitlistEntry>>.Write(joined) : AgendaDecision<Result<WaitlistEntry>>.Stop(joined);
        }, ct);
        return result.Fault is { } fault ? DatabaseFaults.ErrorFor(fault) : result.Value!;
    }

    private async Task<Result<WaitlistEntry>> JoinLockedAsync(BarberProDbContext db, JoinWaitlist request, Actor actor, Instant now, CancellationToken ct)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.UserId == actor.UserId, ct);
        if (customer is null)
            return WaitlistErrors.CustomerProfile;

        var offeringId = request.OfferingId;
        var providerId = request.ProviderId;
        var date = request.Date;
        GroupSession? session = null;
        if (request.SessionId is { } sessionId)
        {
            session = await db.GroupSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null)
                return Result<WaitlistEntry>.NotFound();
            if (session.Status != GroupSessionStatus.Open || session.Start <= now)
                return WaitlistErrors.SessionClosed;
            if (await db.Bookings.ThatAreActive().AnyAsync(b => b.SessionId == sessionId && b.CustomerId == customer.Id, ct))
                return WaitlistErrors.AlreadyInSession;
            if (await GroupSeats.PlacesLeftAsync(db, session, now, ct) > 0)
                return WaitlistErrors.SessionNotFull;
            offeringId = session.OfferingId;
            providerId = session.ProviderId;
            date = session.LocalStartDate;
        }

        var offering = await db.Offerings.Include(o => o.Shop).SingleOrDefaultAsync(o => o.Id == offeringId && o.Active, ct);
        if (offering?.Shop is null)
            return Result<WaitlistEntry>.NotFound();
        var shop = offering.Shop;
        if (session is null)
        {
            if (offering.IsGroup)
                return WaitlistErrors.GroupOffering;
            if (providerId is { } p && !await db.Providers.AnyAsync(x => x.Id == p && x.ShopId == shop.Id && x.Active && x.Offerings.Any(o => o.Id == offeringId), ct))
                return Result<WaitlistEntry>.NotFound();
            var today = now.InZone(shop.TimeZone).Date;
            if (date < today)
                return WaitlistErrors.DatePast;
            if (date > today.PlusDays(shop.Policy.HorizonDays))
                return WaitlistErrors.BeyondHorizon;
            if (request.From is { } earliest && request.To is { } latest && earliest >= latest)
                return WaitlistErrors.Window;
        }

        LocalTime? from = session is null ? request.From : null, to = session is null ? request.To : null;
        var duplicate = await db.WaitlistEntries.AnyAsync(e => e.CustomerId == customer.Id && e.OfferingId == offeringId
            && e.Date == date && e.ProviderId == providerId && e.SessionId == request.SessionId
            && e.From == from && e.To == to
            && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered), ct);
        if (duplicate)
            return WaitlistErrors.Duplicate;

        var entry = new WaitlistEntry(shop.Id, providerId, offeringId, customer.Id, date, from, to, request.SessionId, now);
        if (session is null)
        {
            // The list is for full days: a slot that fits now is for booking, not for waiting; a day nobody works never frees.
            var day = (await DaysAsync(db, shop.Id, offeringId, providerId, date, date, now, entry, ct)).Single();
            if (!day.Works)
                return WaitlistErrors.ClosedDay;
            if (day.Free)
                return WaitlistErrors.SlotAvailable;
        }
        if (await ShopCustomers.AdmitOnlineAsync(db, shop.Id, customer, actor, now, ct) is { } blocked)
            return blocked;
        db.WaitlistEntries.Add(entry);
        return Result<WaitlistEntry>.Ok(entry);
    }

    /// <summary>
    /// The full days between <paramref name="first"/> and <paramref name="last"/> (clipped to today … the shop's horizon)
    /// for <paramref name="offeringId"/> with <paramref name="providerId"/> (null: any provider): someone works that day
    /// and nothing is free — the days a customer may join the waitlist for (the same rule <see cref="JoinAsync"/> applies).
    /// </summary>
    public async Task<IReadOnlyList<LocalDate>> FullDaysAsync(Guid offeringId, Guid? providerId, LocalDate first, LocalDate last, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var shop = await db.Offerings.Where(o => o.Id == offeringId).Select(o => o.Shop).SingleOrDefaultAsync(ct);
        if (shop is null)
            return [];
        var today = now.InZone(shop.TimeZone).Date;
        first = first < today ? today : first;
        var horizon = today.PlusDays(shop.Policy.HorizonDays);
        last = last > horizon ? horizon : last;
        if (last < first)
            return [];
        return (await DaysAsync(db, shop.Id, offeringId, providerId, first, last, now, null, ct)).Where(d => d.Works && !d.Free).Select(d => d.Date).ToList();
    }

    private sealed record DayState(LocalDate Date, bool Works, bool Free);

    /// <summary>
    /// Per date: whether the provider (any of the shop's, for null) works it, and whether a slot is free — inside
    /// <paramref name="window"/>'s From/To when given.
    /// </summary>
    private static async Task<IReadOnlyList<DayState>> DaysAsync(BarberProDbContext db, Guid shopId, Guid offeringId, Guid? providerId,
        LocalDate first, LocalDate last, Instant now, WaitlistEntry? window, CancellationToken ct)
    {
        List<Guid> providers = providerId is { } one ? [one] : await AvailabilityService.ProvidersOfferingAsync(db, shopId, offeringId, ct);
        var agendas = new List<AgendaSnapshot>();
        foreach (var candidate in providers)
        {
            if (await AgendaLoader.LoadAsync(db, candidate, offeringId, first, last, now, null, ct) is { IsBookable: true } agenda)
                agendas.Add(agenda);
        }
        var days = new List<DayState>();
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            var date = d;
            var works = agendas.Any(a => a.Input.Hours.On(date).Any());
            var free = agendas.Any(a => AvailabilityEngine.GetSlots(a.Input, date, now).Any(s => window is null || WaitlistOffers.Fits(a.Input, window, s)));
            days.Add(new DayState(date, works, free));
        }
        return days;
    }

    /// <summary>The entries of the customer <paramref name="actor"/>: live ones and those of the last 30 days, by date and order of joining.</summary>
    public async Task<IReadOnlyList<WaitlistView>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetCurrentInstant().InUtc().Date.PlusDays(-30);
        var customerIds = db.Customers.Where(c => c.UserId == actor.UserId).Select(c => c.Id);
        var list = await Views(db, db.WaitlistEntries.Where(e => customerIds.Contains(e.CustomerId) && e.Date >= since)).ToListAsync(ct);
        return list.OrderBy(v => v.Entry.Date).ThenBy(v => v.Entry.CreatedAt).ToList();
    }

    /// <summary>One entry, if <paramref name="actor"/> may see it (its customer, or staff of its shop).</summary>
    public async Task<WaitlistView?> FindAsync(Guid entryId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await Views(db, db.WaitlistEntries.Where(e => e.Id == entryId)).SingleOrDefaultAsync(ct);
        if (view is null)
            return null;
        if (!actor.IsStaff)
            return await db.Customers.AnyAsync(c => c.Id == view.Entry.CustomerId && c.UserId == actor.UserId, ct) ? view : null;
        return (await StaffScopeAsync(db, view.Entry.ShopId, actor, ct)) is { } scope && scope.Covers(view.Entry) ? view : null;
    }

    /// <summary>
    /// The queue of <paramref name="shopId"/> on <paramref name="date"/> in order of joining, for staff: the owner (and
    /// admins) see every entry; a provider those asking for them or for anyone. Not found for anyone else.
    /// </summary>
    public async Task<Result<IReadOnlyList<WaitlistView>>> QueueAsync(Guid shopId, LocalDate date, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.IsStaff || await StaffScopeAsync(db, shopId, actor, ct) is not { } scope)
            return Result<IReadOnlyList<WaitlistView>>.NotFound();
        var entries = db.WaitlistEntries.Where(e => e.ShopId == shopId && e.Date == date);
        if (!scope.AllProviders)
            entries = entries.Where(e => e.ProviderId == null || scope.ProviderIds.Contains(e.ProviderId.Value));
        var list = await Views(db, entries).ToListAsync(ct);
        return Result<IReadOnlyList<WaitlistView>>.Ok(list.OrderBy(v => v.Entry.CreatedAt).ThenBy(v => v.Entry.Id).ToList());
    }

    /// <summary>
    /// Accepts the slot held for the entry: books it through <see cref="BookingService"/>'s pipeline for the entry's
    /// customer and marks the entry booked, in one transaction under the provider's lock. An offer that ran out is
    /// <see cref="WaitlistErrors.OfferExpired"/>. A held seat of a group session is taken through
    /// <see cref="SessionService.JoinAsync"/>, which checks under the lock that the entry's hold is still live, leaves it out
    /// of the seat count and marks the entry booked in the same transaction.
    /// </summary>
    public async Task<BookingOutcome> AcceptAsync(Guid entryId, Actor actor, CancellationToken ct = default)
    {
        WaitlistEntry? entry;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            entry = await OwnEntryAsync(db, entryId, actor, ct);
        if (entry is null)
            return new BookingOutcome.NotFound();
        if (entry.Status == WaitlistStatus.Expired && entry.OfferExpiresAt is not null)
            return new BookingOutcome.Rejected(WaitlistErrors.OfferExpired);
        if (entry.Status != WaitlistStatus.Offered)
            return new BookingOutcome.Rejected(WaitlistErrors.NotOffered);
        if (!entry.HoldsAt(clock.GetCurrentInstant()))
            return new BookingOutcome.Rejected(WaitlistErrors.OfferExpired);
        if (entry.SessionId is { } sessionId)
            return await sessions.JoinAsync(sessionId, actor, ct, entry.Id);
        return await bookings.BookHeldAsync(new NewBooking(entry.OfferProviderId!.Value, entry.OfferingId, entry.OfferStart!.Value), actor, entry.Id, ct);
    }

    /// <summary>Declines the held slot: the entry leaves the list and the slot goes to the next matching entry at once.</summary>
    public Task<Result<WaitlistEntry>> DeclineAsync(Guid entryId, Actor actor, CancellationToken ct = default) =>
        LeaveAsync(entryId, actor, ct);

    /// <summary>
    /// Leaves the list. An entry holding a slot (or a seat) gives it up under the provider's lock, and the next matching
    /// entry is offered it in the same transaction; a waiting entry just leaves.
    /// </summary>
    public Task<Result<WaitlistEntry>> LeaveAsync(Guid entryId, Actor actor, CancellationToken ct = default) =>
        LeaveAsync(entryId, actor, attempt: 1, ct);

    private async Task<Result<WaitlistEntry>> LeaveAsync(Guid entryId, Actor actor, int attempt, CancellationToken ct)
    {
        WaitlistEntry? found;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            found = await OwnEntryAsync(db, entryId, actor, ct);
        if (found is null)
            return Result<WaitlistEntry>.NotFound();
        if (found.Status is not (WaitlistStatus.Waiting or WaitlistStatus.Offered))
            return WaitlistErrors.NotLive;
        if (found.OfferProviderId is not { } providerId)
            return await LeaveWaitingAsync(entryId, ct);

        var moved = false;
        var result = await writer.RunAsync(new AgendaLock.Provider(providerId), async (db, now) =>
        {
            var entry = await db.WaitlistEntries.SingleAsync(e => e.Id == entryId, ct);
            // Staff may have re-offered a "cualquiera" entry with another barber since it was read: that barber's lock is the
            // one to hold while the slot passes on, so start again from the top.
            if (moved = entry.OfferProviderId != providerId)
                return AgendaDecision<Result<WaitlistEntry>>.Stop(Result<WaitlistEntry>.NotFound());
            if (entry.Status is not (WaitlistStatus.Waiting or WaitlistStatus.Offered))
                return AgendaDecision<Result<WaitlistEntry>>.Stop(WaitlistErrors.NotLive);
            var offered = entry.Status == WaitlistStatus.Offered;
            entry.MarkLeft(now);
            // Its slot (held, or free again since the hold ran out) goes to the next matching entry.
            if (offered)
                await PassOnAsync(db, entry, now, ct);
            return AgendaDecision<Result<WaitlistEntry>>.Write(Result<WaitlistEntry>.Ok(entry));
        }, ct);
        if (result.Fault is { } fault)
            return DatabaseFaults.ErrorFor(fault);
        if (!moved)
            return result.Value!;
        return attempt < 3 ? await LeaveAsync(entryId, actor, attempt + 1, ct) : DatabaseFaults.ErrorFor(DatabaseFault.Busy);
    }

    /// <summary>
    /// Staff hold a free slot by hand for a waiting entry (or one whose offer ran out): <paramref name="start"/> with the
    /// entry's provider, or <paramref name="providerId"/> for a "cualquiera" entry. The slot must be free for staff
    /// (no minimum notice); the customer is told like any offer.
    /// </summary>
    public async Task<Result<WaitlistEntry>> OfferByHandAsync(Guid entryId, Instant start, Guid? providerId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return Result<WaitlistEntry>.NotFound();
        WaitlistEntry? found;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            found = await db.WaitlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, ct);
        if (found is null)
            return Result<WaitlistEntry>.NotFound();
        if (found.SessionId is not null)
            return WaitlistErrors.SessionByHand;
        if ((found.ProviderId ?? providerId) is not { } provider)
            return WaitlistErrors.ProviderRequired;

        var result = await writer.RunAsync(new AgendaLock.Provider(provider), async (db, now) =>
        {
            var entry = await db.WaitlistEntries.SingleAsync(e => e.Id == entryId, ct);
            var shop = await db.Shops.SingleAsync(s => s.Id == entry.ShopId, ct);
            var date = start.InZone(shop.TimeZone).Date;
            var agenda = await AgendaLoader.LoadAsync(db, provider, entry.OfferingId, date, date, now, null, ct);
            if (agenda is null || agenda.Shop.Id != entry.ShopId || !Access.CanManageAgenda(actor, agenda.Provider, agenda.Shop))
                return AgendaDecision<Result<WaitlistEntry>>.Stop(Result<WaitlistEntry>.NotFound());
            if (!entry.CanBeOfferedByHand(now))
                return AgendaDecision<Result<WaitlistEntry>>.Stop(entry.Status == WaitlistStatus.Offered
                    ? new DomainError("waitlist.already_offered", "Esta persona ya tiene un turno ofrecido.")
                    : WaitlistErrors.NotLive);
            if (agenda.Unbookable is { } unbookable)
                return AgendaDecision<Result<WaitlistEntry>>.Stop(unbookable);
            var check = AvailabilityEngine.Check(agenda.Input, start, now, Booker.Staff);
            if (check != SlotCheck.Available)
                return AgendaDecision<Result<WaitlistEntry>>.Stop(check.ToError()!);
            // An offer that ran out unswept: its slot goes on to the next entry, as the sweep would have done, when it was with
            // this barber (whose lock is held). One with another barber (a "cualquiera" entry) stays free for anyone to
            // book but is not offered on.
            var lapsed = entry.Status == WaitlistStatus.Offered && entry.OfferProviderId == provider ? entry.OfferStart : null;
            var shape = agenda.Input.Shape;
            var blocked = shape.BlockedAt(start);
            entry.Offer(provider, start, start + shape.Duration, blocked.Start, blocked.End, now, shop.Policy.WaitlistHold);
            db.Outbox.Add(OutboxMessage.WaitlistOffered(shop.Id, provider, entry.Id, null, start, start + shape.Duration, date, now));
            if (lapsed is { } old)
                await WaitlistOffers.OfferFreedAsync(db, shop.Id, provider, old.InZone(shop.TimeZone).Date, now, ct);
            return AgendaDecision<Result<WaitlistEntry>>.Write(Result<WaitlistEntry>.Ok(entry));
        }, ct);
        return result.Fault is { } fault ? DatabaseFaults.ErrorFor(fault) : result.Value!;
    }

    /// <summary>
    /// Passes on the offers that ran out by <c>now</c> (each marked expired and its slot or seat offered to the next
    /// entry, under its provider's lock), then expires entries whose date has passed in their shop. Run every 30 s by
    /// the sweeper; correctness never depends on it (an expired hold already blocks nothing). Returns how many entries
    /// were expired.
    /// </summary>
    public async Task<int> PassExpiredOffersAsync(CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        List<Guid> providers;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            providers = await db.WaitlistEntries
                .Where(WaitlistEntry.LapsedAt(now)).Where(e => e.OfferProviderId != null)
                .Select(e => e.OfferProviderId!.Value).Distinct().ToListAsync(ct);

        var expired = 0;
        foreach (var providerId in providers)
        {
            var result = await writer.RunAsync(new AgendaLock.Provider(providerId), async (db, at) =>
            {
                var ran = await db.WaitlistEntries
                    .Where(WaitlistEntry.LapsedAt(at)).Where(e => e.OfferProviderId == providerId)
                    .ToListAsync(ct);
                foreach (var entry in ran)
                    entry.MarkExpired(at);
                foreach (var entry in ran)
                    await PassOnAsync(db, entry, at, ct);
                return ran.Count == 0 ? AgendaDecision<int>.Stop(0) : AgendaDecision<int>.Write(ran.Count);
            }, ct);
            if (result.Fault is { } fault)
                logger.LogWarning("Expired waitlist offers of provider {ProviderId} not passed on ({Fault}); next sweep retries.", providerId, fault);
            expired += result.Value;
        }
        return expired + await ExpirePastDatesAsync(ct);
    }

    /// <summary>Entries still waiting (or holding) for a date that has passed in their shop's zone become expired.</summary>
    private async Task<int> ExpirePastDatesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        // No zone is more than a day from UTC: entries before tomorrow (UTC) are the only candidates.
        var bound = now.InUtc().Date.PlusDays(1);
        var candidates = await db.WaitlistEntries
            .Where(e => (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered) && e.Date < bound)
            .Join(db.Shops, e => e.ShopId, s => s.Id, (e, s) => new { Entry = e, s.TimeZoneId })
            .ToListAsync(ct);
        var past = candidates.Where(c => c.Entry.Date < now.InZone(DateTimeZoneProviders.Tzdb[c.TimeZoneId]).Date).Select(c => c.Entry).ToList();
        foreach (var entry in past)
            entry.MarkExpired(now);
        try
        {
            await db.SaveChangesAsync(ct);
            return past.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            // An offer or a leave changed one of them meanwhile; the next sweep looks again.
            return 0;
        }
    }

    private async Task<Result<WaitlistEntry>> LeaveWaitingAsync(Guid entryId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.WaitlistEntries.SingleAsync(e => e.Id == entryId, ct);
        if (entry.Status != WaitlistStatus.Waiting)
            return WaitlistErrors.NotLive;
        entry.MarkLeft(clock.GetCurrentInstant());
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<WaitlistEntry>.Ok(entry);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Offered a slot at this very moment: leave again, now giving the hold up under the provider's lock.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            var customerUser = await again.Customers.Where(c => c.Id == entry.CustomerId).Select(c => c.UserId).SingleAsync(ct);
            return await LeaveAsync(entryId, Actor.Customer(customerUser!), ct);
        }
    }

    /// <summary>The slot or seat <paramref name="entry"/> held (now given up) goes to the next matching entry.</summary>
    private static async Task PassOnAsync(BarberProDbContext db, WaitlistEntry entry, Instant now, CancellationToken ct)
    {
        if (entry.SessionId is { } sessionId)
        {
            var session = await db.GroupSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is not null)
                await WaitlistOffers.SeatFreedAsync(db, session, now, ct);
            return;
        }
        var zoneId = await db.Shops.Where(s => s.Id == entry.ShopId).Select(s => s.TimeZoneId).SingleAsync(ct);
        var date = entry.OfferStart!.Value.InZone(DateTimeZoneProviders.Tzdb[zoneId]).Date;
        await WaitlistOffers.OfferFreedAsync(db, entry.ShopId, entry.OfferProviderId!.Value, date, now, ct);
    }

    /// <summary>The entry, if it is the customer <paramref name="actor"/>'s (no tracking).</summary>
    private static async Task<WaitlistEntry?> OwnEntryAsync(BarberProDbContext db, Guid entryId, Actor actor, CancellationToken ct)
    {
        if (actor.IsStaff)
            return null;
        var customerIds = db.Customers.Where(c => c.UserId == actor.UserId).Select(c => c.Id);
        return await db.WaitlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId && customerIds.Contains(e.CustomerId), ct);
    }

    private sealed record StaffScope(bool AllProviders, IReadOnlyList<Guid> ProviderIds)
    {
        public bool Covers(WaitlistEntry entry) => AllProviders || entry.ProviderId is null || ProviderIds.Contains(entry.ProviderId.Value)
            || (entry.OfferProviderId is { } offered && ProviderIds.Contains(offered));
    }

    /// <summary>What part of <paramref name="shopId"/>'s waitlist <paramref name="actor"/> sees as staff; null when none.</summary>
    private static async Task<StaffScope?> StaffScopeAsync(BarberProDbContext db, Guid shopId, Actor actor, CancellationToken ct)
    {
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null)
            return null;
        if (Access.CanRunShop(actor, shop))
            return new StaffScope(true, []);
        var providers = await db.Providers.AsNoTracking().Where(p => p.ShopId == shopId).ToListAsync(ct);
        var mine = providers.Where(p => Access.CanManageAgenda(actor, p, shop)).Select(p => p.Id).ToList();
        return mine.Count == 0 ? null : new StaffScope(false, mine);
    }

    private static IQueryable<WaitlistView> Views(BarberProDbContext db, IQueryable<WaitlistEntry> entries) =>
        from e in entries.AsNoTracking()
        join s in db.Shops on e.ShopId equals s.Id
        join o in db.Offerings on e.OfferingId equals o.Id
        join c in db.Customers on e.CustomerId equals c.Id
        select new WaitlistView(e, s.Name, s.TimeZoneId, o.Name,
            db.Providers.Where(p => p.Id == e.ProviderId).Select(p => p.DisplayName).FirstOrDefault(),
            db.Providers.Where(p => p.Id == e.OfferProviderId).Select(p => p.DisplayName).FirstOrDefault(),
            c.FullName, c.Phone);
}
