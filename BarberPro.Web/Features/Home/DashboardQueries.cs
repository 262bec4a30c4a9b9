using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Home;

/// <summary>Read-only summaries for the signed-in landing page, each scoped to what the user owns.</summary>
public sealed class DashboardQueries(IDbContextFactory<BarberProDbContext> dbFactory, BookingQueries bookings, IClock clock)
{
    public sealed record BookingLine(Guid Id, Instant Start, DateTimeZone Zone, string Offering, string Provider, string Customer, BookingStatus Status, decimal Price,
        string ShopSlug, Guid OfferingId, Guid ProviderId, IReadOnlyList<Guid>? OfferingIds = null)
    {
        public string BookAgainHref => MyBookings.BookAgain.Href(ShopSlug, OfferingIds ?? [OfferingId], ProviderId);
    }
    public sealed record ShopSummary(string Name, int Providers, int BookingsToday, int BookingsNext7Days, decimal CompletedLast30Days, Guid Id);
    public sealed record RoleCount(string Role, int Users);

    /// <summary>The customer's next bookings (not ended, not cancelled).</summary>
    public async Task<IReadOnlyList<BookingLine>> UpcomingForCustomerAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var mine = await bookings.ListAsync([Actor.Customer(userId)], new Interval(now - Offering.MaxBlockedSpan, now + Duration.FromDays(400)), null, ct);
        return mine.Where(b => b.End >= now && b.Status != BookingStatus.Cancelled).Take(10).Select(ToLine).ToList();
    }

    /// <summary>
    /// The customer's past bookings to book again: the latest of each service and barber pair from the last year,
    /// newest first, while that service and barber still take bookings.
    /// </summary>
    public async Task<IReadOnlyList<BookingLine>> PastForCustomerAsync(string userId, int max = 5, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var mine = await bookings.ListAsync([Actor.Customer(userId)], new Interval(now - Duration.FromDays(365), now), null, ct);
        return mine.Where(b => b.End < now && b.Offering!.Active && b.Provider!.Active)
            .OrderByDescending(b => b.Start)
            .DistinctBy(b => (string.Join(",", b.OfferingIds), b.ProviderId))
            .Take(max)
            .Select(ToLine)
            .ToList();
    }

    /// <summary>Today's agenda (in the shop's zone) of the provider linked to <paramref name="userId"/>.</summary>
    public async Task<IReadOnlyList<BookingLine>> TodayForProviderAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Providers.Where(p => p.UserId == userId).Select(p => p.Shop!.TimeZoneId).FirstOrDefaultAsync(ct);
        if (zoneId is null)
            return [];
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var day = new Interval(zone.AtStartOfDay(today).ToInstant(), zone.AtStartOfDay(today.PlusDays(1)).ToInstant());
        return (await bookings.ListAsync([Actor.Provider(userId)], day, null, ct)).Select(ToLine).ToList();
    }

    /// <summary>Headline numbers for each shop the owner owns.</summary>
    public async Task<IReadOnlyList<ShopSummary>> ShopsForOwnerAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var result = new List<ShopSummary>();
        foreach (var shop in await db.Shops.AsNoTracking().Where(s => s.OwnerUserId == userId).ToListAsync(ct))
        {
            var zone = shop.TimeZone;
            var today = now.InZone(zone).Date;
            var dayStart = zone.AtStartOfDay(today).ToInstant();
            var dayEnd = zone.AtStartOfDay(today.PlusDays(1)).ToInstant();
            var weekEnd = now + Duration.FromDays(7);
            var monthAgo = now - Duration.FromDays(30);
            var active = db.Bookings.Where(b => b.ShopId == shop.Id && b.Status != BookingStatus.Cancelled);
            // Prices are stored as centavos on every database, so the month's revenue is one SQL SUM.
            var completed = await db.Bookings
                .Where(b => b.ShopId == shop.Id && b.Status == BookingStatus.Completed && b.Start >= monthAgo && b.Start < now)
                .SumAsync(b => b.Price, ct);
            result.Add(new ShopSummary(
                shop.Name,
                await db.Providers.CountAsync(p => p.ShopId == shop.Id && p.Active, ct),
                await active.CountAsync(b => b.Start >= dayStart && b.Start < dayEnd, ct),
                await active.CountAsync(b => b.Start >= now && b.Start < weekEnd, ct),
                completed,
                shop.Id));
        }
        return result;
    }

    /// <summary>How many users hold each role.</summary>
    public async Task<IReadOnlyList<RoleCount>> RoleCountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .GroupBy(name => name)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return Roles.All.Select(r => new RoleCount(r, counts.SingleOrDefault(c => c.Key == r)?.Count ?? 0)).ToList();
    }

    /// <summary>A booking read with its offering and parts: a visit of several reads "Color + Corte" (<see cref="Booking.ServiceName"/>).</summary>
    private static BookingLine ToLine(Booking b) =>
        new(b.Id, b.Start, b.Shop!.TimeZone, b.ServiceName, b.Provider!.DisplayName, b.Customer!.FullName, b.Status, b.Price,
            b.Shop.Slug, b.OfferingId, b.ProviderId, b.OfferingIds);
}
