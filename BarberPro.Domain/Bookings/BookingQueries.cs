using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// Lists of bookings, scoped by the rule <see cref="BookingService.CanManage"/> applies to one booking: a customer
/// sees their own, a provider their agenda, an owner their shops', an admin all.
/// </summary>
public sealed class BookingQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public const int MaxResults = 500;

    /// <summary>
    /// The bookings starting in <paramref name="range"/> that any of <paramref name="actors"/> (one user, each of
    /// their roles) may see, in start order, at most <see cref="MaxResults"/>; with shop, provider, offering and customer.
    /// </summary>
    public async Task<IReadOnlyList<Booking>> ListAsync(IReadOnlyCollection<Actor> actors, Interval range, BookingStatus? status = null, CancellationToken ct = default)
    {
        if (actors.Count == 0)
            return [];
        var userId = actors.First().UserId;
        if (actors.Any(a => a.UserId != userId))
            throw new ArgumentException("All actors must be the same user.", nameof(actors));
        var admin = actors.Any(a => a.Role == ActorRole.Admin);
        var owner = actors.Any(a => a.Role == ActorRole.Owner);
        var provider = actors.Any(a => a.Role == ActorRole.Provider);
        var customer = actors.Any(a => a.Role == ActorRole.Customer);
        var from = range.Start;
        var to = range.End;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Bookings.AsNoTracking();
        if (!admin)
        {
            // The user's own customer, provider and shop ids first, so each role is an IN on an indexed column
            // ((CustomerId, Start), (ProviderId, Start), (ShopId, Start)) instead of a join that scans the bookings.
            var customerIds = customer ? await db.Customers.Where(c => c.UserId == userId).Select(c => c.Id).ToListAsync(ct) : [];
            var providerIds = provider ? await db.Providers.Where(p => p.UserId == userId).Select(p => p.Id).ToListAsync(ct) : [];
            var shopIds = owner ? await db.Shops.Where(x => x.OwnerUserId == userId).Select(x => x.Id).ToListAsync(ct) : [];
            if (customerIds.Count + providerIds.Count + shopIds.Count == 0)
                return [];
            visible = visible.Where(b => customerIds.Contains(b.CustomerId) || providerIds.Contains(b.ProviderId) || shopIds.Contains(b.ShopId));
        }
        var query = visible
            .Include(b => b.Shop)
            .Include(b => b.Provider)
            .Include(b => b.Offering)
            .Include(b => b.Customer)
            .Where(b => b.Start >= from && b.Start < to);
        if (status is { } s)
            query = query.Where(b => b.Status == s);
        return await query.OrderBy(b => b.Start).ThenBy(b => b.Id).Take(MaxResults).ToListAsync(ct);
    }
}
