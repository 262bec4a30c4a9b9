using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Sessions;
using BarberPro.Domain.Waitlist;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Availability;

/// <summary>
/// A provider, the services asked for (one, or a visit of several in order: <see cref="Visit"/>), their shop, and the
/// engine input for a range of dates; the input's shape is the whole visit's.
/// </summary>
internal sealed record AgendaSnapshot(Provider Provider, Shop Shop, IReadOnlyList<Offering> Visit, AvailabilityInput Input)
{
    /// <summary>The (first) service asked for.</summary>
    public Offering Offering => Visit[0];

    /// <summary>Both the provider and the offering take new bookings.</summary>
    public bool IsBookable => Unbookable is null;

    /// <summary>
    /// Why nothing can be booked or moved here whatever the time: the provider or the offering is inactive, or the offering
    /// is a group one (taken only as seats in its sessions). The one place this rule lives (booking, rescheduling and
    /// <c>/availability/check</c> ask it); null when bookable.
    /// </summary>
    public Common.DomainError? Unbookable =>
        Visit.Select(o => Inactive(Provider, o)).FirstOrDefault(e => e is not null) is { } inactive ? inactive
        : Visit.Any(o => o.IsGroup) ? new("booking.group_offering", "Este servicio se toma en clases grupales: elegí una clase con lugares libres.", "ServiceId")
        : Catalog.Visit.Refusal(Visit);

    /// <summary>
    /// Why nothing can be booked, moved or joined with this provider and offering: either is deactivated. Also asked by
    /// group sessions (opening one, taking a seat); null when both are active.
    /// </summary>
    public static Common.DomainError? Inactive(Provider provider, Offering offering) =>
        !provider.Active ? new("booking.provider_inactive", "Este profesional no está tomando turnos.", "ProviderId")
        : !offering.Active ? new("booking.offering_inactive", "Este servicio ya no se ofrece.", "ServiceId")
        : null;
}

/// <summary>Reads what the availability engine needs from the database, with one range seek for the bookings.</summary>
internal static class AgendaLoader
{
    /// <summary>
    /// Loads the agenda of <paramref name="providerId"/> for <paramref name="offeringId"/> between two local dates
    /// (inclusive). Null when the provider or the offering does not exist, or the provider does not offer it.
    /// Busy are the provider's blocking bookings (<see cref="BookingStatuses.ThatBlockTime"/>), open group sessions, and
    /// waitlist holds live at <paramref name="now"/> (an expired hold blocks nothing, with no job needed to clear it);
    /// <paramref name="excludeBookingId"/> (a booking being moved) and <paramref name="excludeHoldOf"/> (the entry
    /// accepting its own hold) are left out.
    /// </summary>
    public static Task<AgendaSnapshot?> LoadAsync(BarberProDbContext db, Guid providerId, Guid offeringId,
        LocalDate firstDate, LocalDate lastDate, Instant now, Guid? excludeBookingId, CancellationToken ct, Guid? excludeHoldOf = null) =>
        LoadAsync(db, providerId, [offeringId], firstDate, lastDate, now, excludeBookingId, ct, excludeHoldOf);

    /// <summary>
    /// <see cref="LoadAsync(BarberProDbContext, Guid, Guid, LocalDate, LocalDate, Instant, Guid?, CancellationToken, Guid?)"/>
    /// for a visit of <paramref name="offeringIds"/> (in order; the caller checked them with <see cref="Visit.Refusal(IReadOnlyList{Guid})"/>):
    /// null also when the provider does not offer every one of them.
    /// </summary>
    public static async Task<AgendaSnapshot?> LoadAsync(BarberProDbContext db, Guid providerId, IReadOnlyList<Guid> offeringIds,
        LocalDate firstDate, LocalDate lastDate, Instant now, Guid? excludeBookingId, CancellationToken ct, Guid? excludeHoldOf = null)
    {
        var offeringId = offeringIds[0];
        // A week or less: one query (a provider has a handful of weekly hours and overrides, so the joined rows stay
        // few); longer ranges split the collections instead of multiplying them.
        var provider = Period.Between(firstDate, lastDate, PeriodUnits.Days).Days <= 7
            ? await ProviderQuery.For(db)(db, providerId, offeringId, firstDate, lastDate, ct)
            : await db.Providers
                .Include(p => p.Shop)
                .Include(p => p.WorkingHours)
                .Include(p => p.Overrides.Where(o => o.Date >= firstDate && o.Date <= lastDate))
                .Include(p => p.Offerings.Where(o => o.Id == offeringId))
                .AsSplitQuery()
                .SingleOrDefaultAsync(p => p.Id == providerId, ct);
        return await CompleteAsync(db, provider, offeringIds, firstDate, lastDate, now, excludeBookingId, ct, excludeHoldOf);
    }

    /// <summary>
    /// <see cref="LoadAsync(BarberProDbContext, Guid, IReadOnlyList{Guid}, LocalDate, LocalDate, Instant, Guid?, CancellationToken, Guid?)"/> for the shop's local day that contains <paramref name="at"/>, without a round trip to read the
    /// shop's zone first: the provider is read with the overrides of the UTC dates either side of <paramref name="at"/>
    /// (every zone's local date is one of them), then the local date is known. Extra overrides are facts about other
    /// dates and change nothing on this one. Used by writes under the calendar lock.
    /// </summary>
    public static async Task<AgendaSnapshot?> LoadDayOfAsync(BarberProDbContext db, Guid providerId, IReadOnlyList<Guid> offeringIds, Instant at, Instant now,
        Guid? excludeBookingId, CancellationToken ct, Guid? excludeHoldOf = null)
    {
        var utcDate = at.InUtc().Date;
        var provider = await ProviderQuery.For(db)(db, providerId, offeringIds[0], utcDate.PlusDays(-1), utcDate.PlusDays(1), ct);
        if (provider?.Shop is null)
            return null;
        var date = at.InZone(provider.Shop.TimeZone).Date;
        return await CompleteAsync(db, provider, offeringIds, date, date, now, excludeBookingId, ct, excludeHoldOf);
    }

    /// <summary>The provider with shop, weekly hours, the overrides of a few dates and one offering: one compiled, tracked query.</summary>
    private static readonly CompiledPerModel<Func<BarberProDbContext, Guid, Guid, LocalDate, LocalDate, CancellationToken, Task<Provider?>>> ProviderQuery = new(() =>
        EF.CompileAsyncQuery((BarberProDbContext db, Guid providerId, Guid offeringId, LocalDate firstDate, LocalDate lastDate, CancellationToken ct) =>
            db.Providers
                .Include(p => p.Shop)
                .Include(p => p.WorkingHours)
                .Include(p => p.Overrides.Where(o => o.Date >= firstDate && o.Date <= lastDate))
                .Include(p => p.Offerings.Where(o => o.Id == offeringId))
                .AsSingleQuery()
                .SingleOrDefault(p => p.Id == providerId)));

    private static async Task<AgendaSnapshot?> CompleteAsync(BarberProDbContext db, Provider? provider, IReadOnlyList<Guid> offeringIds,
        LocalDate firstDate, LocalDate lastDate, Instant now, Guid? excludeBookingId, CancellationToken ct, Guid? excludeHoldOf)
    {
        if (provider?.Shop is null || await VisitOfAsync(db, provider, offeringIds, ct) is not { } visit)
            return null;
        var providerId = provider.Id;

        var shop = provider.Shop;
        var zone = shop.TimeZone;
        var window = new Interval(
            zone.AtStartOfDay(firstDate).ToInstant() - Offering.MaxBlockedSpan,
            zone.AtStartOfDay(lastDate.PlusDays(1)).ToInstant() + Offering.MaxBlockedSpan);

        var localFrom = firstDate.PlusDays(-1).AtMidnight();
        var localTo = lastDate.PlusDays(2).AtMidnight();
        var timeOff = await db.TimeOff
            .Where(t => t.ProviderId == providerId && t.Start < localTo && t.End > localFrom)
            .Select(t => new LocalDateTimeRange(t.Start, t.End))
            .ToListAsync(ct);

        var shopClosed = await db.ClosedDatesAsync(shop.Id, firstDate, lastDate, ct);

        // What takes the provider's time, in one round trip (UNION ALL): blocking bookings, open group sessions, and
        // waitlist holds live at "now".
        var busy = await db.Bookings
            .BlockingWithin(providerId, window)
            .Where(b => excludeBookingId == null || b.Id != excludeBookingId)
            .Select(b => new { Start = b.BlockedStart, End = b.BlockedEnd })
            .Concat(db.GroupSessions
                .OpenWithin(providerId, window)
                .Select(s => new { Start = s.BlockedStart, End = s.BlockedEnd }))
            .Concat(db.WaitlistEntries
                .HoldsWithin(providerId, window, now)
                .Where(e => excludeHoldOf == null || e.Id != excludeHoldOf)
                .Select(e => new { Start = e.OfferBlockedStart!.Value, End = e.OfferBlockedEnd!.Value }))
            .ToListAsync(ct);

        var input = new AvailabilityInput(zone, shop.Policy, SlotShape.Of(visit), ProviderHours.Of(provider, shopClosed), timeOff,
            busy.Select(b => new Interval(b.Start, b.End)).ToList());
        return new AgendaSnapshot(provider, shop, visit, input);
    }

    /// <summary>
    /// The services of the visit, in the order asked, from the provider's loaded first offering and (for a visit of
    /// several) one more query for the rest; null when the provider does not offer every one.
    /// </summary>
    private static async Task<IReadOnlyList<Offering>?> VisitOfAsync(BarberProDbContext db, Provider provider, IReadOnlyList<Guid> offeringIds, CancellationToken ct)
    {
        var first = provider.Offerings.SingleOrDefault(o => o.Id == offeringIds[0]);
        if (first is null)
            return null;
        if (offeringIds.Count == 1)
            return [first];
        var more = offeringIds.Skip(1).ToList();
        var providerId = provider.Id;
        var others = await db.Providers.Where(p => p.Id == providerId).SelectMany(p => p.Offerings).Where(o => more.Contains(o.Id)).ToListAsync(ct);
        return others.Count == more.Count ? [first, .. more.Select(id => others.Single(o => o.Id == id))] : null;
    }

    /// <summary>
    /// The agendas of several providers of one shop for the visit <paramref name="offeringIds"/> between two local dates
    /// (inclusive), read without tracking in one set of queries whatever their number (the "cualquiera" path, and the
    /// cached reads). Providers that do not exist or do not offer every service are left out. Same content as
    /// <c>LoadAsync</c> with nothing excluded.
    /// </summary>
    public static async Task<Dictionary<Guid, AgendaSnapshot>> LoadManyAsync(BarberProDbContext db, IReadOnlyCollection<Guid> providerIds,
        IReadOnlyList<Guid> offeringIds, LocalDate firstDate, LocalDate lastDate, Instant now, CancellationToken ct)
    {
        var snapshots = new Dictionary<Guid, AgendaSnapshot>();
        if (providerIds.Count == 0)
            return snapshots;
        var ids = providerIds.Distinct().ToList();
        var providers = await db.Providers
            .AsNoTracking()
            .Include(p => p.Shop)
            .Include(p => p.WorkingHours)
            .Include(p => p.Overrides.Where(o => o.Date >= firstDate && o.Date <= lastDate))
            .Include(p => p.Offerings.Where(o => offeringIds.Contains(o.Id)))
            .AsSplitQuery()
            .Where(p => ids.Contains(p.Id))
            .ToListAsync(ct);
        providers.RemoveAll(p => p.Shop is null || offeringIds.Any(id => p.Offerings.All(o => o.Id != id)));
        if (providers.Count == 0)
            return snapshots;
        ids = providers.Select(p => p.Id).ToList();

        var zone = providers[0].Shop!.TimeZone;
        var window = new Interval(
            zone.AtStartOfDay(firstDate).ToInstant() - Offering.MaxBlockedSpan,
            zone.AtStartOfDay(lastDate.PlusDays(1)).ToInstant() + Offering.MaxBlockedSpan);
        var lowest = window.Start - Offering.MaxBlockedSpan;
        var (from, to) = (window.Start, window.End);

        var localFrom = firstDate.PlusDays(-1).AtMidnight();
        var localTo = lastDate.PlusDays(2).AtMidnight();
        var timeOff = (await db.TimeOff
            .Where(t => ids.Contains(t.ProviderId) && t.Start < localTo && t.End > localFrom)
            .Select(t => new { t.ProviderId, t.Start, t.End })
            .ToListAsync(ct)).ToLookup(t => t.ProviderId, t => new LocalDateTimeRange(t.Start, t.End));

        var closedByShop = new Dictionary<Guid, IReadOnlyCollection<LocalDate>>();
        foreach (var shopId in providers.Select(p => p.ShopId).Distinct())
            closedByShop[shopId] = await db.ClosedDatesAsync(shopId, firstDate, lastDate, ct);

        var busy = (await db.Bookings
            .ThatBlockTime()
            .Where(b => ids.Contains(b.ProviderId) && b.BlockedStart >= lowest && b.BlockedStart < to && b.BlockedEnd > from)
            .Select(b => new { b.ProviderId, Start = b.BlockedStart, End = b.BlockedEnd })
            .Concat(db.GroupSessions
                .Where(s => ids.Contains(s.ProviderId) && s.Status == GroupSessionStatus.Open
                    && s.BlockedStart >= lowest && s.BlockedStart < to && s.BlockedEnd > from)
                .Select(s => new { s.ProviderId, Start = s.BlockedStart, End = s.BlockedEnd }))
            .Concat(db.WaitlistEntries
                .Where(WaitlistEntry.LiveAt(now))
                .Where(e => e.OfferProviderId != null && ids.Contains(e.OfferProviderId.Value) && e.SessionId == null
                    && e.OfferBlockedStart < to && e.OfferBlockedEnd > from)
                .Select(e => new { ProviderId = e.OfferProviderId!.Value, Start = e.OfferBlockedStart!.Value, End = e.OfferBlockedEnd!.Value }))
            .ToListAsync(ct)).ToLookup(b => b.ProviderId, b => new Interval(b.Start, b.End));

        foreach (var provider in providers)
        {
            var visit = offeringIds.Select(id => provider.Offerings.Single(o => o.Id == id)).ToList();
            var shop = provider.Shop!;
            var input = new AvailabilityInput(shop.TimeZone, shop.Policy, SlotShape.Of(visit), ProviderHours.Of(provider, closedByShop[provider.ShopId]),
                timeOff[provider.Id].ToList(), busy[provider.Id].ToList());
            snapshots[provider.Id] = new AgendaSnapshot(provider, shop, visit, input);
        }
        return snapshots;
    }

    /// <summary>Open group sessions of one provider whose blocked span overlaps <paramref name="window"/> (same seek as <see cref="BlockingWithin"/>).</summary>
    public static IQueryable<GroupSession> OpenWithin(this IQueryable<GroupSession> sessions, Guid providerId, Interval window)
    {
        var lowest = window.Start - Offering.MaxBlockedSpan;
        var from = window.Start;
        var to = window.End;
        return sessions.Where(s => s.ProviderId == providerId && s.Status == GroupSessionStatus.Open
            && s.BlockedStart >= lowest && s.BlockedStart < to && s.BlockedEnd > from);
    }

    /// <summary>
    /// Waitlist holds on individual slots of one provider, live at <paramref name="now"/>, overlapping <paramref name="window"/>.
    /// A hold on a group session's seat is not here: the session already takes the time, and its seats are counted apart.
    /// </summary>
    public static IQueryable<WaitlistEntry> HoldsWithin(this IQueryable<WaitlistEntry> entries, Guid providerId, Interval window, Instant now)
    {
        var from = window.Start;
        var to = window.End;
        return entries.Where(WaitlistEntry.LiveAt(now))
            .Where(e => e.OfferProviderId == providerId && e.SessionId == null && e.OfferBlockedStart < to && e.OfferBlockedEnd > from);
    }

    /// <summary>
    /// Blocking bookings of one provider whose blocked span overlaps <paramref name="window"/>. Because no blocked span
    /// is longer than <see cref="Offering.MaxBlockedSpan"/>, the lower bound on BlockedStart keeps this a single
    /// range seek on the (ProviderId, BlockedStart, BlockedEnd) index however long the provider's history is.
    /// </summary>
    public static IQueryable<Booking> BlockingWithin(this IQueryable<Booking> bookings, Guid providerId, Interval window)
    {
        var lowest = window.Start - Offering.MaxBlockedSpan;
        var from = window.Start;
        var to = window.End;
        return bookings.ThatBlockTime().Where(b => b.ProviderId == providerId
            && b.BlockedStart >= lowest && b.BlockedStart < to && b.BlockedEnd > from);
    }
}
