using BarberPro.Domain.Common;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Availability;

/// <summary>The slots of one provider for one offering on a date, with the shop's zone to show them in.</summary>
public sealed record DaySlots(LocalDate Date, DateTimeZone Zone, IReadOnlyList<Instant> Starts, Duration Duration);

/// <summary>What a staff member may book for a walk-in on <paramref name="Date"/>: "now" first (off the grid), then the free grid starts.</summary>
public sealed record WalkInStarts(LocalDate Date, DateTimeZone Zone, Instant? Now, IReadOnlyList<Instant> Next, Duration Duration);

/// <summary>The answer to "can this start be booked?", with nearby free starts when it cannot.</summary>
/// <param name="Unbookable">Set when the provider or the offering is inactive: nothing is bookable, whatever the time.</param>
public sealed record SlotAnswer(SlotCheck Check, IReadOnlyList<Instant> Alternatives, DomainError? Unbookable = null)
{
    public bool Available => Check == SlotCheck.Available && Unbookable is null;

    /// <summary>Why the start cannot be booked (Spanish message), or null when it can.</summary>
    public DomainError? Refusal => Unbookable ?? Check.ToError();
}

/// <summary>The "cualquiera" slots of a shop for one offering on a date, with the zone and the length to show them.</summary>
public sealed record AnyDaySlots(LocalDate Date, DateTimeZone Zone, Duration Duration, IReadOnlyList<AnySlot> Slots);

/// <summary>One bookable start when the customer lets the shop pick the provider, with who is free then.</summary>
public sealed record AnySlot(Instant Start, IReadOnlyList<Guid> FreeProviderIds);

/// <summary>
/// Availability read from the database: loads an agenda snapshot and asks <see cref="AvailabilityEngine"/> with the
/// current instant. The customers' reads (slots, available days, "cualquiera") take their snapshots from
/// <paramref name="cache"/> when the app has one (docs/decisions/0015); checks made for a write never do.
/// </summary>
public sealed class AvailabilityService(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock, AgendaCache? cache = null)
{
    /// <param name="More">The services after the first of a visit of several, as text (null for one service: no allocation on the common path).</param>
    private readonly record struct SnapshotKey(Guid ProviderId, Guid OfferingId, string? More, LocalDate First, LocalDate Last)
    {
        public SnapshotKey(Guid providerId, IReadOnlyList<Guid> offeringIds, LocalDate first, LocalDate last)
            : this(providerId, offeringIds[0], MoreOf(offeringIds), first, last) { }
    }

    private readonly record struct ProvidersKey(Guid ShopId, Guid OfferingId, string? More)
    {
        public ProvidersKey(Guid shopId, IReadOnlyList<Guid> offeringIds) : this(shopId, offeringIds[0], MoreOf(offeringIds)) { }
    }

    private static string? MoreOf(IReadOnlyList<Guid> offeringIds) => offeringIds.Count == 1 ? null : string.Join(',', offeringIds.Skip(1));

    /// <summary>One provider's snapshot, from the cache or loaded (and then cached when it can be stamped).</summary>
    private async Task<AgendaSnapshot?> SnapshotAsync(Guid providerId, IReadOnlyList<Guid> offeringIds, LocalDate first, LocalDate last, Instant now, CancellationToken ct)
    {
        if (cache is null)
        {
            await using var plain = await dbFactory.CreateDbContextAsync(ct);
            return await AgendaLoader.LoadAsync(plain, providerId, offeringIds, first, last, now, null, ct);
        }
        var key = new SnapshotKey(providerId, offeringIds, first, last);
        if (cache.TryGet<AgendaSnapshot>(key, out var hit))
            return hit;
        // Stamped before reading: a write committing meanwhile makes this entry one that is never served.
        var stamp = cache.StampOfProvider(providerId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = (await AgendaLoader.LoadManyAsync(db, [providerId], offeringIds, first, last, now, ct)).GetValueOrDefault(providerId);
        if (loaded is null)
            return null;
        if (stamp is { } s)
            cache.Set(key, loaded, loaded.Shop.Id, providerId, s);
        else
            cache.LearnShop(providerId, loaded.Shop.Id);
        return loaded;
    }

    /// <summary>The snapshots of several providers of <paramref name="shopId"/>: cached ones, the rest in one query set.</summary>
    private async Task<IReadOnlyList<AgendaSnapshot>> SnapshotsAsync(Guid shopId, IReadOnlyList<Guid> providerIds, IReadOnlyList<Guid> offeringIds,
        LocalDate first, LocalDate last, Instant now, CancellationToken ct)
    {
        var found = new Dictionary<Guid, AgendaSnapshot>();
        var missing = new List<Guid>();
        var stamps = new Dictionary<Guid, AgendaCache.Stamp>();
        foreach (var id in providerIds)
        {
            if (cache is not null && cache.TryGet<AgendaSnapshot>(new SnapshotKey(id, offeringIds, first, last), out var hit))
                found[id] = hit;
            else
            {
                missing.Add(id);
                if (cache is not null)
                {
                    cache.LearnShop(id, shopId);
                    stamps[id] = cache.StampOf(shopId, id);
                }
            }
        }
        if (missing.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var (id, snapshot) in await AgendaLoader.LoadManyAsync(db, missing, offeringIds, first, last, now, ct))
            {
                found[id] = snapshot;
                if (cache is not null && snapshot.Shop.Id == shopId)
                    cache.Set(new SnapshotKey(id, offeringIds, first, last), snapshot, shopId, id, stamps[id]);
            }
        }
        return providerIds.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>Active providers of the shop who offer every (active) service of the visit, by id; cached per shop.</summary>
    private async Task<IReadOnlyList<Guid>> ProvidersOfferingAsync(Guid shopId, IReadOnlyList<Guid> offeringIds, CancellationToken ct)
    {
        var key = new ProvidersKey(shopId, offeringIds);
        if (cache is not null && cache.TryGet<List<Guid>>(key, out var hit))
            return hit;
        var stamp = cache?.StampOf(shopId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await ProvidersOfferingAsync(db, shopId, offeringIds, ct);
        if (stamp is { } s)
            cache!.Set(key, ids, shopId, Guid.Empty, s);
        return ids;
    }

    /// <summary>
    /// Bookable starts on <paramref name="date"/>; null when the provider does not offer the offering; none while the
    /// provider or the offering is deactivated.
    /// </summary>
    public Task<DaySlots?> GetSlotsAsync(Guid providerId, Guid offeringId, LocalDate date, CancellationToken ct = default) =>
        GetSlotsAsync(providerId, [offeringId], date, ct);

    /// <summary>
    /// Starts of a visit of <paramref name="offeringIds"/> (in order, back to back) on <paramref name="date"/>; null when
    /// they are not a visit (<see cref="Visit.Refusal(IReadOnlyList{Guid})"/>) or the provider does not do every one.
    /// </summary>
    public async Task<DaySlots?> GetSlotsAsync(Guid providerId, IReadOnlyList<Guid> offeringIds, LocalDate date, CancellationToken ct = default)
    {
        if (Visit.Refusal(offeringIds) is not null)
            return null;
        var now = clock.GetCurrentInstant();
        var agenda = await SnapshotAsync(providerId, offeringIds, date, date, now, ct);
        if (agenda is null)
            return null;
        var starts = agenda.IsBookable ? AvailabilityEngine.GetSlots(agenda.Input, date, now) : [];
        return new DaySlots(date, agenda.Input.Zone, starts, agenda.Input.Shape.Duration);
    }

    /// <summary>
    /// What <paramref name="actor"/> may book for a walk-in with this provider on <paramref name="date"/> (today in the
    /// shop's zone when null): the current minute when the provider is free from now for the whole service, then the
    /// free grid starts after now, without the customers' minimum notice (<see cref="AvailabilityEngine.GetStaffStarts"/>).
    /// Null when the provider does not offer the offering or the actor does not manage this agenda.
    /// </summary>
    public async Task<WalkInStarts?> WalkInStartsAsync(Guid providerId, Guid offeringId, Actor actor, LocalDate? date = null, CancellationToken ct = default)
    {
        if (!actor.IsStaff)
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
        if (zoneId is null)
            return null;
        var now = clock.GetCurrentInstant();
        var day = date ?? now.InZone(DateTimeZoneProviders.Tzdb[zoneId]).Date;
        var agenda = await AgendaLoader.LoadAsync(db, providerId, offeringId, day, day, now, null, ct);
        if (agenda is null || !Access.CanManageAgenda(actor, agenda.Provider, agenda.Shop))
            return null;
        var starts = agenda.IsBookable ? AvailabilityEngine.GetStaffStarts(agenda.Input, day, now) : new StaffStarts(null, []);
        return new WalkInStarts(day, agenda.Input.Zone, starts.Now, starts.Next, agenda.Offering.Duration);
    }

    /// <summary>Dates of <paramref name="month"/> with at least one free start; null when the provider does not offer the offering.</summary>
    public Task<IReadOnlyList<LocalDate>?> GetAvailableDaysAsync(Guid providerId, Guid offeringId, YearMonth month, CancellationToken ct = default) =>
        GetAvailableDaysAsync(providerId, [offeringId], month, ct);

    /// <summary>Dates of <paramref name="month"/> on which the whole visit fits; null when not a visit or not all offered by the provider.</summary>
    public async Task<IReadOnlyList<LocalDate>?> GetAvailableDaysAsync(Guid providerId, IReadOnlyList<Guid> offeringIds, YearMonth month, CancellationToken ct = default)
    {
        if (Visit.Refusal(offeringIds) is not null)
            return null;
        var first = month.OnDayOfMonth(1);
        var last = first.PlusMonths(1).PlusDays(-1);
        var now = clock.GetCurrentInstant();
        var agenda = await SnapshotAsync(providerId, offeringIds, first, last, now, ct);
        return agenda is null ? null : agenda.IsBookable ? AvailabilityEngine.GetAvailableDays(agenda.Input, month, now) : [];
    }

    /// <summary>Checks one start; when it is not bookable, suggests the nearest free starts.</summary>
    public Task<SlotAnswer?> CheckAsync(Guid providerId, Guid offeringId, Instant start, CancellationToken ct = default) =>
        CheckAsync(providerId, [offeringId], start, ct);

    /// <summary>Checks one start of a visit of <paramref name="offeringIds"/>; null when not a visit or not all offered by the provider.</summary>
    public async Task<SlotAnswer?> CheckAsync(Guid providerId, IReadOnlyList<Guid> offeringIds, Instant start, CancellationToken ct = default)
    {
        if (Visit.Refusal(offeringIds) is not null)
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CheckAsync(db, providerId, offeringIds, start, null, ct);
    }

    internal async Task<SlotAnswer?> CheckAsync(BarberProDbContext db, Guid providerId, IReadOnlyList<Guid> offeringIds, Instant start,
        Guid? excludeBookingId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var zone = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
        if (zone is null)
            return null;
        var date = start.InZone(DateTimeZoneProviders.Tzdb[zone]).Date;
        var agenda = await AgendaLoader.LoadAsync(db, providerId, offeringIds, date, date.PlusDays(NearestSearchDays), now, excludeBookingId, ct);
        if (agenda is null)
            return null;
        if (agenda.Unbookable is { } unbookable)
            return new SlotAnswer(SlotCheck.OutsideHours, [], unbookable);
        var check = AvailabilityEngine.Check(agenda.Input, start, now);
        var alternatives = check == SlotCheck.Available
            ? []
            : AvailabilityEngine.Nearest(agenda.Input, start < now ? now : start, now, count: 5, searchDays: NearestSearchDays);
        return new SlotAnswer(check, alternatives);
    }

    /// <summary>
    /// Bookable starts on <paramref name="date"/> with any active provider of the shop who offers the offering
    /// ("cualquiera"), each with the providers free then.
    /// </summary>
    public async Task<IReadOnlyList<AnySlot>> GetAnySlotsAsync(Guid shopId, Guid offeringId, LocalDate date, CancellationToken ct = default) =>
        (await GetAnyDayAsync(shopId, [offeringId], date, ct))?.Slots ?? [];

    /// <summary><see cref="GetAnySlotsAsync(Guid, Guid, LocalDate, CancellationToken)"/> for a visit of several services (one provider does them all).</summary>
    public async Task<IReadOnlyList<AnySlot>> GetAnySlotsAsync(Guid shopId, IReadOnlyList<Guid> offeringIds, LocalDate date, CancellationToken ct = default) =>
        (await GetAnyDayAsync(shopId, offeringIds, date, ct))?.Slots ?? [];

    /// <summary>
    /// <see cref="GetAnySlotsAsync(Guid, Guid, LocalDate, CancellationToken)"/> with the shop's zone and the offering's length to show them; null when no active
    /// provider of the shop offers the offering.
    /// </summary>
    public Task<AnyDaySlots?> GetAnyDayAsync(Guid shopId, Guid offeringId, LocalDate date, CancellationToken ct = default) =>
        GetAnyDayAsync(shopId, [offeringId], date, ct);

    /// <summary>
    /// "Cualquiera" for a visit of <paramref name="offeringIds"/> (in order): the starts at which some provider who does
    /// every service is free for the whole visit; null when not a visit or nobody does them all.
    /// </summary>
    public async Task<AnyDaySlots?> GetAnyDayAsync(Guid shopId, IReadOnlyList<Guid> offeringIds, LocalDate date, CancellationToken ct = default)
    {
        if (Visit.Refusal(offeringIds) is not null)
            return null;
        var now = clock.GetCurrentInstant();
        var byStart = new SortedDictionary<Instant, List<Guid>>();
        var providerIds = await ProvidersOfferingAsync(shopId, offeringIds, ct);
        var agendas = await SnapshotsAsync(shopId, providerIds, offeringIds, date, date, now, ct);
        if (agendas.Count == 0)
            return null;
        foreach (var agenda in agendas)
        {
            foreach (var start in AvailabilityEngine.GetSlots(agenda.Input, date, now))
            {
                if (!byStart.TryGetValue(start, out var free))
                    byStart[start] = free = [];
                free.Add(agenda.Provider.Id);
            }
        }
        return new AnyDaySlots(date, agendas[0].Input.Zone, agendas[0].Input.Shape.Duration, byStart.Select(kv => new AnySlot(kv.Key, kv.Value)).ToList());
    }

    /// <summary>Dates of <paramref name="month"/> on which any provider of the shop offering it has a free start.</summary>
    public Task<IReadOnlyList<LocalDate>> GetAnyAvailableDaysAsync(Guid shopId, Guid offeringId, YearMonth month, CancellationToken ct = default) =>
        GetAnyAvailableDaysAsync(shopId, [offeringId], month, ct);

    /// <summary>Dates of <paramref name="month"/> on which some provider who does every service of the visit has room for all of it.</summary>
    public async Task<IReadOnlyList<LocalDate>> GetAnyAvailableDaysAsync(Guid shopId, IReadOnlyList<Guid> offeringIds, YearMonth month, CancellationToken ct = default)
    {
        if (Visit.Refusal(offeringIds) is not null)
            return [];
        var first = month.OnDayOfMonth(1);
        var last = first.PlusMonths(1).PlusDays(-1);
        var now = clock.GetCurrentInstant();
        var days = new SortedSet<LocalDate>();
        var providerIds = await ProvidersOfferingAsync(shopId, offeringIds, ct);
        foreach (var agenda in await SnapshotsAsync(shopId, providerIds, offeringIds, first, last, now, ct))
        {
            if (agenda.IsBookable)
                days.UnionWith(AvailabilityEngine.GetAvailableDays(agenda.Input, month, now));
        }
        return days.ToList();
    }

    internal static Task<List<Guid>> ProvidersOfferingAsync(BarberProDbContext db, Guid shopId, Guid offeringId, CancellationToken ct) =>
        ProvidersOfferingAsync(db, shopId, [offeringId], ct);

    /// <summary>Active providers of the shop who offer every one of <paramref name="offeringIds"/>, each active, by id.</summary>
    internal static Task<List<Guid>> ProvidersOfferingAsync(BarberProDbContext db, Guid shopId, IReadOnlyList<Guid> offeringIds, CancellationToken ct)
    {
        var first = offeringIds[0];
        var count = offeringIds.Count;
        var providers = db.Providers.Where(p => p.ShopId == shopId && p.Active);
        providers = count == 1
            ? providers.Where(p => p.Offerings.Any(o => o.Id == first && o.Active))
            : providers.Where(p => p.Offerings.Count(o => offeringIds.Contains(o.Id) && o.Active) == count);
        return providers.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
    }

    private const int NearestSearchDays = 14;
}
