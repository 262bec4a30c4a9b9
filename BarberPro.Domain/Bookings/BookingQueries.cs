using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// Lists of bookings, scoped by <see cref="Access.VisibleToAsync"/> (the rule <see cref="Access.CanSeeBooking"/> applies to
/// one booking): a customer sees their own, a provider their agenda, an owner their shops', an admin all.
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
        var from = range.Start;
        var to = range.End;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.Bookings.AsNoTracking().VisibleToAsync(db, actors, ct);
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
