using BarberPro.Domain.Common;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Agenda;

/// <summary>What a provider, their shop's owner or an admin sees of agendas. Anyone else sees nothing.</summary>
public sealed class AgendaQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    /// <summary>A booking, blocked time, or a group session (drawn once, with its seats; its seat bookings are not items).</summary>
    public enum ItemKind { Booking, TimeOff, Session }

    /// <param name="Subtitle">The service of a booking: "Color + Corte" for a visit of several.</param>
    /// <param name="Parts">The services of a visit of several, in order, each from when it starts; empty for one service.</param>
    public sealed record Item(Guid Id, ItemKind Kind, Guid ProviderId, LocalDateTime Start, LocalDateTime End, Instant StartInstant,
        string Title, string? Subtitle, string? Phone, BookingStatus? Status, Guid? OfferingId, string? Notes, int? Participants = null, int? Capacity = null, Guid? SeriesId = null,
        IReadOnlyList<VisitPart>? Parts = null)
    {
        /// <summary>The services booked, in order (what availability asks for when the booking moves).</summary>
        public IReadOnlyList<Guid> OfferingIds => Parts is { Count: > 0 } parts ? parts.Select(p => p.OfferingId).ToList() : OfferingId is { } id ? [id] : [];

        /// <summary>"10:00 Color · 11:00 Corte" for a visit of several; null for one service.</summary>
        public string? PartsLine => Parts is { Count: > 0 } parts
            ? string.Join(" · ", parts.Select(p => $"{p.Start.TimeOfDay.ToString("HH:mm", null)} {p.Name}"))
            : null;
    }

    /// <summary>One service of a visit of several, from when it starts on the shop's clock: "10:00 Color".</summary>
    public sealed record VisitPart(Guid OfferingId, string Name, LocalDateTime Start);

    /// <param name="Hours">The provider's weekly hours, the special dates and the shop's closed days of the loaded range (<see cref="ProviderHours.On"/> says what a date is).</param>
    public sealed record ProviderAgenda(Guid ProviderId, string Name, Guid ShopId, DateTimeZone Zone, Duration CancellationWindow,
        ProviderHours Hours, IReadOnlyList<Item> Items, Domain.Shops.Vertical Vertical = Domain.Shops.Vertical.Barber)
    {
        /// <summary>One loaded date: its working hours and everything on it (items that overlap it, or start on it).</summary>
        public AgendaDay Day(LocalDate date)
        {
            var dayStart = date.AtMidnight();
            var dayEnd = date.PlusDays(1).AtMidnight();
            return new AgendaDay(date, Hours.On(date).ToList(),
                Items.Where(i => i.Start < dayEnd && (i.End > dayStart || i.Start >= dayStart)).ToList());
        }
    }

    /// <summary>One provider's date as an agenda draws it. No hours means closed that day (bookings may still exist).</summary>
    public sealed record AgendaDay(LocalDate Date, IReadOnlyList<LocalTimeRange> Hours, IReadOnlyList<Item> Items)
    {
        public bool Closed => Hours.Count == 0;
    }

    public sealed record ProviderOption(Guid Id, string Name, Guid ShopId, string ShopName);

    /// <summary>The providers whose agenda <paramref name="actor"/> may open: their own, their shops', all for admins.</summary>
    public async Task<IReadOnlyList<ProviderOption>> VisibleProvidersAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Providers.AsNoTracking().Where(p => p.Active);
        query = actor.Role switch
        {
            ActorRole.Admin => query,
            ActorRole.Owner => query.Where(p => p.Shop!.OwnerUserId == actor.UserId),
            ActorRole.Provider => query.Where(p => p.UserId == actor.UserId),
            _ => query.Where(_ => false),
        };
        return await query.OrderBy(p => p.Shop!.Name).ThenBy(p => p.DisplayName)
            .Select(p => new ProviderOption(p.Id, p.DisplayName, p.ShopId, p.Shop!.Name)).ToListAsync(ct);
    }

    /// <summary>The time zone of the provider's shop (to settle "today"); null when there is no such provider.</summary>
    public async Task<DateTimeZone?> ZoneOfAsync(Guid providerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
        return zoneId is null ? null : DateTimeZoneProviders.Tzdb[zoneId];
    }

    /// <summary>Bookings (every status) and time off of one provider between two local dates; null when not visible to <paramref name="actor"/>.</summary>
    public async Task<ProviderAgenda?> LoadAsync(Guid providerId, LocalDate first, LocalDate last, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.AsNoTracking().Include(p => p.Shop).Include(p => p.WorkingHours)
            .Include(p => p.Overrides.Where(o => o.Date >= first && o.Date <= last))
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider?.Shop is null || !Access.CanManageAgenda(actor, provider, provider.Shop))
            return null;
        var zone = provider.Shop.TimeZone;
        var closedDates = await db.ClosedDatesAsync(provider.ShopId, first, last, ct);
        var from = zone.AtStartOfDay(first).ToInstant();
        var to = zone.AtStartOfDay(last.PlusDays(1)).ToInstant();
        // Also a booking that started the evening before and runs past midnight (none is longer than the longest blocked span).
        var earliest = from - Offering.MaxBlockedSpan;
        var inRange = db.Bookings.AsNoTracking()
            .Where(b => b.ProviderId == providerId && b.SessionId == null && b.Start >= earliest && b.Start < to && (b.Start >= from || b.End > from));
        var bookings = await inRange
            .OrderBy(b => b.Start)
            .Select(b => new { b.Id, b.Start, b.End, b.Status, b.OfferingId, Offering = b.Offering!.Name, Customer = b.Customer!.FullName, b.Customer.Phone, b.Notes, b.SeriesId,
                IsVisit = b.Parts.Any() })
            .ToListAsync(ct);
        // The visits of several services among them, with their parts: their name and each part's times as the booking says
        // (Booking.Services). Read only when the range has one, so an agenda without visits costs no second query.
        var visits = bookings.Any(b => b.IsVisit)
            ? await inRange.Where(b => b.Parts.Any()).Include(b => b.Parts).ToDictionaryAsync(b => b.Id, ct)
            : [];
        var fromLocal = first.AtMidnight();
        var toLocal = last.PlusDays(1).AtMidnight();
        var timeOff = await db.TimeOff.AsNoTracking()
            .Where(t => t.ProviderId == providerId && t.Start < toLocal && t.End > fromLocal)
            .ToListAsync(ct);

        var sessions = await db.GroupSessions.AsNoTracking()
            .Where(s => s.ProviderId == providerId && s.Status == Domain.Sessions.GroupSessionStatus.Open && s.Start >= earliest && s.Start < to && (s.Start >= from || s.End > from))
            .Select(s => new { s.Id, s.Start, s.End, s.OfferingId, s.Capacity, Offering = s.Offering!.Name })
            .ToListAsync(ct);
        var sessionIds = sessions.Select(s => (Guid?)s.Id).ToList();
        var seats = sessionIds.Count == 0 ? new Dictionary<Guid, int>() : await db.Bookings.ThatAreActive()
            .Where(b => sessionIds.Contains(b.SessionId))
            .GroupBy(b => b.SessionId!.Value)
            .Select(g => new { SessionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.SessionId, g => g.Count, ct);

        var items = bookings.Select(b => new Item(b.Id, ItemKind.Booking, providerId, b.Start.InZone(zone).LocalDateTime, b.End.InZone(zone).LocalDateTime,
                b.Start, b.Customer, visits.GetValueOrDefault(b.Id)?.ServiceName ?? b.Offering, b.Phone, b.Status, b.OfferingId, b.Notes,
                SeriesId: b.SeriesId, Parts: visits.GetValueOrDefault(b.Id)?.Services.Select(s => new VisitPart(s.OfferingId, s.Name, s.Start.InZone(zone).LocalDateTime)).ToList()))
            .Concat(timeOff.Select(t => new Item(t.Id, ItemKind.TimeOff, providerId, t.Start, t.End, ShopTime.ToInstant(t.Start, zone),
                t.Reason ?? "", null, null, null, null, null)))
            .Concat(sessions.Select(s => new Item(s.Id, ItemKind.Session, providerId, s.Start.InZone(zone).LocalDateTime, s.End.InZone(zone).LocalDateTime,
                s.Start, s.Offering, null, null, null, s.OfferingId, null, seats.GetValueOrDefault(s.Id), s.Capacity)))
            .OrderBy(i => i.Start)
            .ToList();
        return new ProviderAgenda(provider.Id, provider.DisplayName, provider.ShopId, zone, provider.Shop.Policy.CancellationWindow,
            ProviderHours.Of(provider, closedDates), items, provider.Shop.Vertical);
    }
}
