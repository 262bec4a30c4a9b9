using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.MyBookings;

/// <summary>A customer's own bookings, and nobody else's.</summary>
public sealed class MyBookingsQueries(IDbContextFactory<BarberProDbContext> dbFactory)
{
    public sealed record Line(Guid Id, Guid ShopId, Guid ProviderId, Guid OfferingId, string ShopName, string ShopSlug, string? ShopPhone, string? ShopAddress,
        DateTimeZone Zone, Instant Start, Instant End, string Offering, string Provider, BookingStatus Status, decimal Price, Duration CancellationWindow, string? Notes)
    {
        /// <summary>Until when the customer may cancel or reschedule on their own.</summary>
        public Instant ChangeDeadline => Start - CancellationWindow;
        public bool IsActive => Status is BookingStatus.Pending or BookingStatus.Confirmed;
    }

    public async Task<IReadOnlyList<Line>> ForCustomerAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await QueryAsync(db.Bookings.Where(b => b.Customer!.UserId == userId).OrderBy(b => b.Start), ct);
    }

    public async Task<Line?> OneForCustomerAsync(Guid bookingId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await QueryAsync(db.Bookings.Where(b => b.Id == bookingId && b.Customer!.UserId == userId), ct)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<Line>> QueryAsync(IQueryable<Booking> bookings, CancellationToken ct)
    {
        var rows = await bookings.Select(b => new
        {
            b.Id, b.ShopId, b.ProviderId, b.OfferingId, ShopName = b.Shop!.Name, b.Shop.Slug, b.Shop.Phone, b.Shop.Address, b.Shop.TimeZoneId,
            b.Start, b.End, Offering = b.Offering!.Name, Provider = b.Provider!.DisplayName, b.Status, b.Price,
            Window = b.Shop.Policy.CancellationWindow, b.Notes,
        }).ToListAsync(ct);
        return rows.Select(r => new Line(r.Id, r.ShopId, r.ProviderId, r.OfferingId, r.ShopName, r.Slug, r.Phone, r.Address,
            DateTimeZoneProviders.Tzdb[r.TimeZoneId], r.Start, r.End, r.Offering, r.Provider, r.Status, r.Price, r.Window, r.Notes)).ToList();
    }
}
