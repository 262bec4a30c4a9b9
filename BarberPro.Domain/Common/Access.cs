using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Domain.Common;

/// <summary>Who may run what: the one place for the staff side of "who may see and manage what".</summary>
public static class Access
{
    /// <summary>Who runs a shop: its owner and admins.</summary>
    public static bool CanRunShop(Actor actor, Shop shop) =>
        actor.Role == ActorRole.Admin || (actor.Role == ActorRole.Owner && shop.OwnerUserId == actor.UserId);

    /// <summary>Whether <paramref name="actor"/> manages <paramref name="provider"/>'s agenda: whoever runs the shop, and the provider themselves.</summary>
    public static bool CanManageAgenda(Actor actor, Provider provider, Shop shop) =>
        CanRunShop(actor, shop) || (actor.Role == ActorRole.Provider && provider.UserId == actor.UserId);

    /// <summary>
    /// Whether <paramref name="actor"/> may see <paramref name="booking"/> (loaded with its shop, provider and customer):
    /// a customer their own, staff the agendas they manage. <see cref="VisibleToAsync"/> is the same rule in SQL.
    /// </summary>
    public static bool CanSeeBooking(Actor actor, Booking booking) =>
        actor.Role == ActorRole.Customer
            ? booking.Customer!.UserId == actor.UserId
            : CanManageAgenda(actor, booking.Provider!, booking.Shop!);

    /// <summary>
    /// The bookings any of <paramref name="actors"/> (one user, each of their roles) may see: <see cref="CanSeeBooking"/>
    /// in SQL. The user's own customer, provider and shop ids are read first, so each role is an IN on an indexed column
    /// ((CustomerId, Start), (ProviderId, Start), (ShopId, …)) instead of a join that scans the bookings.
    /// </summary>
    public static async Task<IQueryable<Booking>> VisibleToAsync(this IQueryable<Booking> bookings, BarberProDbContext db,
        IReadOnlyCollection<Actor> actors, CancellationToken ct = default)
    {
        if (actors.Count == 0)
            return bookings.Where(_ => false);
        var userId = actors.First().UserId;
        if (actors.Any(a => a.UserId != userId))
            throw new ArgumentException("All actors must be the same user.", nameof(actors));
        if (actors.Any(a => a.Role == ActorRole.Admin))
            return bookings;
        var customerIds = actors.Any(a => a.Role == ActorRole.Customer)
            ? await db.Customers.Where(c => c.UserId == userId).Select(c => c.Id).ToListAsync(ct) : [];
        var providerIds = actors.Any(a => a.Role == ActorRole.Provider)
            ? await db.Providers.Where(p => p.UserId == userId).Select(p => p.Id).ToListAsync(ct) : [];
        var shopIds = actors.Any(a => a.Role == ActorRole.Owner)
            ? await db.Shops.Where(x => x.OwnerUserId == userId).Select(x => x.Id).ToListAsync(ct) : [];
        if (customerIds.Count + providerIds.Count + shopIds.Count == 0)
            return bookings.Where(_ => false);
        return bookings.Where(b => customerIds.Contains(b.CustomerId) || providerIds.Contains(b.ProviderId) || shopIds.Contains(b.ShopId));
    }
}
