using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Web.Features.Book;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.MyBookings;

/// <summary>
/// A customer's own bookings, shaped for the pages. Which bookings a customer may see is the domain's rule
/// (<see cref="BookingQueries"/>, <see cref="BookingService.FindAsync"/>); this only shapes them.
/// </summary>
public sealed class MyBookingsQueries(BookingQueries bookings, BookingService bookingService, IDbContextFactory<BarberProDbContext> dbFactory, IClock clock)
{
    public sealed record Line(Guid Id, Guid ShopId, Guid ProviderId, Guid OfferingId, string ShopName, string ShopSlug, string? ShopPhone, string? ShopAddress,
        DateTimeZone Zone, Instant Start, Instant End, string Offering, string Provider, BookingStatus Status, decimal Price, Duration CancellationWindow, string? Notes,
        Guid? SeriesId = null, int? SeriesIndex = null, Domain.Shops.Vertical Vertical = Domain.Shops.Vertical.Barber, IReadOnlyList<Guid>? OfferingIds = null,
        IReadOnlyList<VisitParts.Part>? Parts = null)
    {
        /// <summary>"Reservar de nuevo": the same services (the whole visit) with the same provider.</summary>
        public string BookAgainHref => BookAgain.Href(ShopSlug, OfferingIds ?? [OfferingId], ProviderId);
        /// <summary>The services booked, in order (what availability asks for when the booking moves).</summary>
        public IReadOnlyList<Guid> Services => OfferingIds ?? [OfferingId];
        /// <summary>Until when the customer may cancel or reschedule on their own.</summary>
        public Instant ChangeDeadline => BookingLifecycle.CustomerChangeDeadline(Start, CancellationWindow);
        public bool IsActive => Status.IsOpen();
    }

    /// <summary>The customer's bookings from a year ago to every future one (no horizon exceeds a year), oldest first.</summary>
    public async Task<IReadOnlyList<Line>> ForCustomerAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var range = new Interval(now - Duration.FromDays(365), now + Duration.FromDays(400));
        var found = await bookings.ListAsync([Actor.Customer(userId)], range, null, ct);
        // The list is read without the visits' parts: their names ("Color + Corte") come in one more query.
        var visits = await VisitParts.OfBookingsAsync(dbFactory, found.Select(b => b.Id).ToList(), ct);
        return found.Select(b => visits.TryGetValue(b.Id, out var visit) ? ToLine(b, visit.Name) with { OfferingIds = visit.OfferingIds } : ToLine(b, null)).ToList();
    }

    public async Task<Line?> OneForCustomerAsync(Guid bookingId, string userId, CancellationToken ct = default) =>
        await bookingService.FindAsync(bookingId, Actor.Customer(userId), ct) is { } booking
            ? ToLine(booking, booking.ServiceName) with { OfferingIds = booking.OfferingIds, Parts = VisitParts.Of(booking) }
            : null;

    /// <param name="visitName">"Color + Corte" for a visit of several; null for one service.</param>
    private static Line ToLine(Booking b, string? visitName) => new(b.Id, b.ShopId, b.ProviderId, b.OfferingId, b.Shop!.Name, b.Shop.Slug, b.Shop.Phone, b.Shop.Address,
        b.Shop.TimeZone, b.Start, b.End, visitName ?? b.Offering!.Name, b.Provider!.DisplayName, b.Status, b.Price, b.Shop.Policy.CancellationWindow, b.Notes,
        b.SeriesId, b.SeriesIndex, b.Shop.Vertical);
}
