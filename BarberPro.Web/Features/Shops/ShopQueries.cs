using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Shops;

/// <summary>What anyone may read about a shop: its public page and the choices of the booking wizard.</summary>
public sealed class ShopQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public sealed record OfferingCard(Guid Id, string Name, string? Description, Duration Duration, decimal Price);
    public sealed record ProviderCard(Guid Id, string Name, string? PhotoUrl, IReadOnlyList<Guid> OfferingIds)
    {
        /// <summary>"LM" for "Lic. Laura Méndez": a title ("Lic.", "Dra.") is not a name.</summary>
        public string Initials => string.Concat(Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.EndsWith('.') || w.Length == 2).Take(2).Select(w => char.ToUpperInvariant(w[0])));
    }
    public sealed record DayHours(IsoDayOfWeek Day, IReadOnlyList<LocalTimeRange> Ranges);
    public sealed record ShopView(Guid Id, string Name, string Slug, string? Address, string? Phone, DateTimeZone Zone,
        Domain.Shops.BookingPolicy Policy, IReadOnlyList<OfferingCard> Offerings, IReadOnlyList<ProviderCard> Providers, IReadOnlyList<DayHours> Hours,
        Domain.Shops.Vertical Vertical = Domain.Shops.Vertical.Barber)
    {
        /// <summary>Whether anyone here can be booked online: an active professional who gives at least one active service.</summary>
        public bool TakesBookings => Providers.Any(p => p.OfferingIds.Count > 0);

        /// <summary>The wizard offers a weekly series first (<see cref="Domain.Shops.VerticalProfile.WeeklySeriesByDefault"/>).</summary>
        public bool WeeklySeriesByDefault => Domain.Shops.VerticalProfile.For(Vertical).WeeklySeriesByDefault;
    }

    public Task<ShopView?> BySlugAsync(string slug, CancellationToken ct = default) => FindAsync(s => s.Slug == slug, ct);

    public Task<ShopView?> ByIdAsync(Guid id, CancellationToken ct = default) => FindAsync(s => s.Id == id, ct);

    private async Task<ShopView?> FindAsync(System.Linq.Expressions.Expression<Func<Domain.Shops.Shop, bool>> which, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(which, ct);
        if (shop is null)
            return null;
        var offerings = await db.Offerings.AsNoTracking().Where(o => o.ShopId == shop.Id && o.Active).ToListAsync(ct);
        var providers = await db.Providers.AsNoTracking()
            .Where(p => p.ShopId == shop.Id && p.Active)
            .Include(p => p.Offerings)
            .Include(p => p.WorkingHours)
            .AsSplitQuery()
            .ToListAsync(ct);
        // The shop's hours: the union of its providers' weekly intervals, per weekday.
        var hours = providers.SelectMany(p => p.WorkingHours)
            .GroupBy(w => w.Day)
            .OrderBy(g => g.Key)
            .Select(g => new DayHours(g.Key, Merge(g.Select(w => w.Range))))
            .ToList();
        return new ShopView(shop.Id, shop.Name, shop.Slug, shop.Address, shop.Phone, shop.TimeZone, shop.Policy,
            offerings.OrderBy(o => o.Price).Select(o => new OfferingCard(o.Id, o.Name, o.Description, o.Duration, o.Price)).ToList(),
            providers.OrderBy(p => p.DisplayName)
                .Select(p => new ProviderCard(p.Id, p.DisplayName, p.PhotoUrl, p.Offerings.Where(o => o.Active).Select(o => o.Id).ToList()))
                .ToList(),
            hours, shop.Vertical);
    }

    private static List<LocalTimeRange> Merge(IEnumerable<LocalTimeRange> ranges)
    {
        var merged = new List<LocalTimeRange>();
        foreach (var r in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
                merged[^1] = new LocalTimeRange(merged[^1].Start, r.End > merged[^1].End ? r.End : merged[^1].End);
            else
                merged.Add(r);
        }
        return merged;
    }
}
