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

/// <summary>A provider, the offering asked for, their shop, and the engine input for a range of dates.</summary>
internal sealed record AgendaSnapshot(Provider Provider, Shop Shop, Offering Offering, AvailabilityInput Input)
{
    /// <summary>Both the provider and the offering take new bookings.</summary>
    public bool IsBookable => Unbookable is null;

    /// <summary>
    /// Why nothing can be booked or moved here whatever the time: the provider or the offering is inactive, or the offering
    /// is a group one (taken only as seats in its sessions). The one place this rule lives (booking, rescheduling and
    /// <c>/availability/check</c> ask it); null when bookable.
    /// </summary>
    public Common.DomainError? Unbookable =>
        Inactive(Provider, Offering) is { } inactive ? inactive
        : Offering.IsGroup ? new("booking.group_offering", "Este servicio se toma en clases grupales: elegí una clase con lugares libres.", "ServiceId")
        : null;

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
    public static async Task<AgendaSnapshot?> LoadAsync(BarberProDbContext db, Guid providerId, Guid offeringId,
        LocalDate firstDate, LocalDate lastDate, Instant now, Guid? excludeBookingId, CancellationToken ct, Guid? excludeHoldOf = null)
    {
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
        return await CompleteAsync(db, provider, offeringId, firstDate, lastDate, now, excludeBookingId, ct, excludeHoldOf);
    }

    /// <summary>
    /// <see cref="LoadAsync"/> for the shop's local day that contains <paramref name="at"/>, without a round trip to read the
    /// shop's zone first: the provider is read with the overrides of the UTC dates either side of <paramref name="at"/>
    /// (every zone's local date is one of them), then the local date is known. Extra overrides are facts about other
    /// dates and change nothing on this one. Used by writes under the calendar lock.
    /// </summary>
    public static async Task<AgendaSnapshot?> LoadDayOfAsync(BarberProDbContext db, Guid providerId, Guid offeringId, Instant at, Instant now,
        Guid? excludeBookingId, CancellationToken ct, Guid? excludeHoldOf = null)
    {
        var utcDate = at.InUtc().Date;
        var provider = await ProviderQuery.For(db)(db, providerId, offeringId, utcDate.PlusDays(-1), utcDate.PlusDays(1), ct);
        if (provider?.Shop is null)
            return null;
        var date = at.InZone(provider.Shop.TimeZone).Date;
        return await CompleteAsync(db, provider, offeringId, date, date, now, excludeBookingId, ct, excludeHoldOf);
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

    private static async Task<AgendaSnapshot?> CompleteAsync(BarberProDbContext db, Provider? provider, Guid offeringId,
        LocalDate firstDate, LocalDate lastDate, Instant now, Guid? excludeBookingId, CancellationToken ct, Guid? excludeHoldOf)
    {
        var offering = provider?.Offerings.SingleOrDefault(o => o.Id == offeringId);
        if (provider?.Shop is null || offering is null)
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

        var input = new AvailabilityInput(zone, shop.Policy, SlotShape.Of(offering), ProviderHours.Of(provider, shopClosed), timeOff,
            busy.Select(b => new Interval(b.Start, b.End)).ToList());
        return new AgendaSnapshot(provider, shop, offering, input);
    }

    /// <summary>
    /// The agendas of several providers of one shop for <paramref name="offeringId"/> between two local dates (inclusive),
    /// read without tracking in one set of queries whatever their number (the "cualquiera" path, and the cached reads).
    /// Providers that do not exist or do not offer the offering are left out. Same content as <see cref="LoadAsync"/>
    /// with nothing excluded.
    /// </summary>
    public static async Task<Dictionary<Guid, AgendaSnapshot>> LoadManyAsync(BarberProDbContext db, IReadOnlyCollection<Guid> providerIds,
        Guid offeringId, LocalDate firstDate, LocalDate lastDate, Instant now, CancellationToken ct)
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
            .Include(p => p.Offerings.Where(o => o.Id == offeringId))
            .AsSplitQuery()
            .Where(p => ids.Contains(p.Id))
            .ToListAsync(ct);
        providers.RemoveAll(p => p.Shop is null || p.Offerings.All(o => o.Id != offeringId));
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
            var offering = provider.Offerings.Single(o => o.Id == offeringId);
            var shop = provider.Shop!;
            var input = new AvailabilityInput(shop.TimeZone, shop.Policy, SlotShape.Of(offering), ProviderHours.Of(provider, closedByShop[provider.ShopId]),
                timeOff[provider.Id].ToList(), busy[provider.Id].ToList());
            snapshots[provider.Id] = new AgendaSnapshot(provider, shop, offering, input);
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
