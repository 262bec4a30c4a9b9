using BarberPro.Domain.Common;
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

/// <summary>One bookable start when the customer lets the shop pick the provider, with who is free then.</summary>
public sealed record AnySlot(Instant Start, IReadOnlyList<Guid> FreeProviderIds);

/// <summary>Availability read from the database: loads an agenda snapshot and asks <see cref="AvailabilityEngine"/>.</summary>
public sealed class AvailabilityService(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    /// <summary>
    /// Bookable starts on <paramref name="date"/>; null when the provider does not offer the offering; none while the
    /// provider or the offering is deactivated.
    /// </summary>
    public async Task<DaySlots?> GetSlotsAsync(Guid providerId, Guid offeringId, LocalDate date, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var agenda = await AgendaLoader.LoadAsync(db, providerId, offeringId, date, date, now, null, ct);
        if (agenda is null)
            return null;
        var starts = agenda.IsBookable ? AvailabilityEngine.GetSlots(agenda.Input, date, now) : [];
        return new DaySlots(date, agenda.Input.Zone, starts, agenda.Offering.Duration);
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
    public async Task<IReadOnlyList<LocalDate>?> GetAvailableDaysAsync(Guid providerId, Guid offeringId, YearMonth month, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var first = month.OnDayOfMonth(1);
        var last = first.PlusMonths(1).PlusDays(-1);
        var now = clock.GetCurrentInstant();
        var agenda = await AgendaLoader.LoadAsync(db, providerId, offeringId, first, last, now, null, ct);
        return agenda is null ? null : agenda.IsBookable ? AvailabilityEngine.GetAvailableDays(agenda.Input, month, now) : [];
    }

    /// <summary>Checks one start; when it is not bookable, suggests the nearest free starts.</summary>
    public async Task<SlotAnswer?> CheckAsync(Guid providerId, Guid offeringId, Instant start, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CheckAsync(db, providerId, offeringId, start, null, ct);
    }

    internal async Task<SlotAnswer?> CheckAsync(BarberProDbContext db, Guid providerId, Guid offeringId, Instant start,
        Guid? excludeBookingId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var zone = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
        if (zone is null)
            return null;
        var date = start.InZone(DateTimeZoneProviders.Tzdb[zone]).Date;
        var agenda = await AgendaLoader.LoadAsync(db, providerId, offeringId, date, date.PlusDays(NearestSearchDays), now, excludeBookingId, ct);
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
    public async Task<IReadOnlyList<AnySlot>> GetAnySlotsAsync(Guid shopId, Guid offeringId, LocalDate date, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var byStart = new SortedDictionary<Instant, List<Guid>>();
        foreach (var providerId in await ProvidersOfferingAsync(db, shopId, offeringId, ct))
        {
            var agenda = await AgendaLoader.LoadAsync(db, providerId, offeringId, date, date, now, null, ct);
            if (agenda is null)
                continue;
            foreach (var start in AvailabilityEngine.GetSlots(agenda.Input, date, now))
            {
                if (!byStart.TryGetValue(start, out var free))
                    byStart[start] = free = [];
                free.Add(providerId);
            }
        }
        return byStart.Select(kv => new AnySlot(kv.Key, kv.Value)).ToList();
    }

    /// <summary>Dates of <paramref name="month"/> on which any provider of the shop offering it has a free start.</summary>
    public async Task<IReadOnlyList<LocalDate>> GetAnyAvailableDaysAsync(Guid shopId, Guid offeringId, YearMonth month, CancellationToken ct = default)
    {
        var days = new SortedSet<LocalDate>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var providerId in await ProvidersOfferingAsync(db, shopId, offeringId, ct))
            days.UnionWith(await GetAvailableDaysAsync(providerId, offeringId, month, ct) ?? []);
        return days.ToList();
    }

    internal static Task<List<Guid>> ProvidersOfferingAsync(BarberProDbContext db, Guid shopId, Guid offeringId, CancellationToken ct) =>
        db.Providers
            .Where(p => p.ShopId == shopId && p.Active && p.Offerings.Any(o => o.Id == offeringId && o.Active))
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .ToListAsync(ct);

    private const int NearestSearchDays = 14;
}
