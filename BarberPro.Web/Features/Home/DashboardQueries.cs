using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Home;

/// <summary>Read-only summaries for the signed-in landing page, each scoped to what the user owns.</summary>
public sealed class DashboardQueries(IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    public sealed record BookingLine(Guid Id, Instant Start, DateTimeZone Zone, string Offering, string Provider, string Customer, BookingStatus Status, decimal Price);
    public sealed record ShopSummary(string Name, int Providers, int BookingsToday, int BookingsNext7Days, decimal CompletedLast30Days);
    public sealed record RoleCount(string Role, int Users);

    /// <summary>The customer's next bookings.</summary>
    public async Task<IReadOnlyList<BookingLine>> UpcomingForCustomerAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        return Zoned(await Lines(db.Bookings.Where(b => b.Customer!.UserId == userId && b.End >= now).OrderBy(b => b.Start).Take(10))
            .ToListAsync(ct));
    }

    /// <summary>Today's agenda (in the shop's zone) of the provider linked to <paramref name="userId"/>.</summary>
    public async Task<IReadOnlyList<BookingLine>> TodayForProviderAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var provider = await db.Providers.AsNoTracking().Include(p => p.Shop).SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (provider?.Shop is null)
            return [];
        var zone = provider.Shop.TimeZone;
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var from = zone.AtStartOfDay(today).ToInstant();
        var to = zone.AtStartOfDay(today.PlusDays(1)).ToInstant();
        return Zoned(await Lines(db.Bookings.Where(b => b.ProviderId == provider.Id && b.Start >= from && b.Start < to).OrderBy(b => b.Start))
            .ToListAsync(ct));
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
            var completed = await db.Bookings
                .Where(b => b.ShopId == shop.Id && b.Status == BookingStatus.Completed && b.Start >= monthAgo && b.Start < now)
                .Select(b => b.Price).ToListAsync(ct);
            result.Add(new ShopSummary(
                shop.Name,
                await db.Providers.CountAsync(p => p.ShopId == shop.Id && p.Active, ct),
                await active.CountAsync(b => b.Start >= dayStart && b.Start < dayEnd, ct),
                await active.CountAsync(b => b.Start >= now && b.Start < weekEnd, ct),
                completed.Sum()));
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

    private sealed record RawLine(Guid Id, Instant Start, string ZoneId, string Offering, string Provider, string Customer, BookingStatus Status, decimal Price);

    private static IQueryable<RawLine> Lines(IQueryable<Booking> bookings) => bookings.Select(b => new RawLine(
        b.Id, b.Start, b.Shop!.TimeZoneId, b.Offering!.Name, b.Provider!.DisplayName, b.Customer!.FullName, b.Status, b.Price));

    private static IReadOnlyList<BookingLine> Zoned(List<RawLine> lines) => lines
        .Select(l => new BookingLine(l.Id, l.Start, DateTimeZoneProviders.Tzdb[l.ZoneId], l.Offering, l.Provider, l.Customer, l.Status, l.Price))
        .ToList();
}
