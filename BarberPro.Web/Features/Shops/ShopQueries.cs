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
    /// <param name="Refusal">Why these services cannot be one visit (too many, repeated, too long); null when they can.</param>
    public sealed record VisitCard(IReadOnlyList<Guid> OfferingIds, string Name, Duration Length, decimal Price, Domain.Common.DomainError? Refusal);
    public sealed record DayHours(IsoDayOfWeek Day, IReadOnlyList<LocalTimeRange> Ranges);
    public sealed record ShopView(Guid Id, string Name, string Slug, string? Address, string? Phone, DateTimeZone Zone,
        Domain.Shops.BookingPolicy Policy, IReadOnlyList<OfferingCard> Offerings, IReadOnlyList<ProviderCard> Providers, IReadOnlyList<DayHours> Hours,
        Domain.Shops.Vertical Vertical = Domain.Shops.Vertical.Barber)
    {
        /// <summary>Whether anyone here can be booked online: an active professional who gives at least one active service.</summary>
        public bool TakesBookings => Providers.Any(p => p.OfferingIds.Count > 0);

        /// <summary>The wizard offers a weekly series first (<see cref="Domain.Shops.VerticalProfile.WeeklySeriesByDefault"/>).</summary>
        public bool WeeklySeriesByDefault => Domain.Shops.VerticalProfile.For(Vertical).WeeklySeriesByDefault;

        /// <summary>The shop's active services as the domain knows them (read once with the page), for <see cref="Visit"/>.</summary>
        internal IReadOnlyList<Domain.Catalog.Offering> Catalog { get; init; } = [];

        /// <summary>
        /// What the services <paramref name="offeringIds"/> (in order) make as one visit, as <see cref="Domain.Catalog.Visit"/>
        /// says: its name, length and price, and why it cannot be booked (null when it can). Null when one of them is not
        /// an active service of this shop.
        /// </summary>
        public VisitCard? Visit(IReadOnlyList<Guid> offeringIds)
        {
            if (Domain.Catalog.Visit.Refusal(offeringIds) is { } refusal)
                return offeringIds.Count == 0 ? null : new VisitCard(offeringIds, "", Duration.Zero, 0, refusal);
            var offerings = offeringIds.Select(id => Catalog.FirstOrDefault(o => o.Id == id)).ToList();
            if (offerings.Any(o => o is null))
                return null;
            var found = offerings.Select(o => o!).ToList();
            return new VisitCard(offeringIds, Domain.Catalog.Visit.Name(found.Select(o => o.Name)), Domain.Catalog.Visit.Length(found),
                Domain.Catalog.Visit.Price(found), Domain.Catalog.Visit.Refusal(found));
        }

        /// <summary>The providers who give every service of <paramref name="offeringIds"/> (who can take the whole visit).</summary>
        public IEnumerable<ProviderCard> ProvidersFor(IReadOnlyList<Guid> offeringIds) =>
            Providers.Where(p => offeringIds.All(p.OfferingIds.Contains));
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
            hours, shop.Vertical) { Catalog = offerings };
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
