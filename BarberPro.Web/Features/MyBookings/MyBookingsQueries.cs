using BarberPro.Domain.Bookings;
using NodaTime;

namespace BarberPro.Web.Features.MyBookings;

/// <summary>
/// A customer's own bookings, shaped for the pages. Which bookings a customer may see is the domain's rule
/// (<see cref="BookingQueries"/>, <see cref="BookingService.FindAsync"/>); this only shapes them.
/// </summary>
public sealed class MyBookingsQueries(BookingQueries bookings, BookingService bookingService, IClock clock)
{
    public sealed record Line(Guid Id, Guid ShopId, Guid ProviderId, Guid OfferingId, string ShopName, string ShopSlug, string? ShopPhone, string? ShopAddress,
        DateTimeZone Zone, Instant Start, Instant End, string Offering, string Provider, BookingStatus Status, decimal Price, Duration CancellationWindow, string? Notes,
        Guid? SeriesId = null, int? SeriesIndex = null, Domain.Shops.Vertical Vertical = Domain.Shops.Vertical.Barber,
        IReadOnlyList<BookedService>? Services = null)
    {
        /// <summary>The services booked, in order (what availability asks for when the booking moves).</summary>
        public IReadOnlyList<Guid> OfferingIds => Services is { Count: > 0 } services ? services.Select(s => s.OfferingId).ToList() : [OfferingId];
        /// <summary>A visit of several services: <see cref="Services"/> has each one with its times.</summary>
        public bool IsVisit => Services is { Count: > 1 };
        /// <summary>"Reservar de nuevo": the same services (the whole visit) with the same provider.</summary>
        public string BookAgainHref => BookAgain.Href(ShopSlug, OfferingIds, ProviderId);
        /// <summary>Until when the customer may cancel or reschedule on their own.</summary>
        public Instant ChangeDeadline => BookingLifecycle.CustomerChangeDeadline(Start, CancellationWindow);
        public bool IsActive => Status.IsOpen();
    }

    /// <summary>The customer's bookings from a year ago to every future one (no horizon exceeds a year), oldest first.</summary>
    public async Task<IReadOnlyList<Line>> ForCustomerAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var range = new Interval(now - Duration.FromDays(365), now + Duration.FromDays(400));
        return (await bookings.ListAsync([Actor.Customer(userId)], range, null, ct)).Select(ToLine).ToList();
    }

    public async Task<Line?> OneForCustomerAsync(Guid bookingId, string userId, CancellationToken ct = default) =>
        await bookingService.FindAsync(bookingId, Actor.Customer(userId), ct) is { } booking ? ToLine(booking) : null;

    /// <summary>A booking read with its offering and parts: a visit of several reads "Color + Corte" (<see cref="Booking.ServiceName"/>).</summary>
    private static Line ToLine(Booking b) => new(b.Id, b.ShopId, b.ProviderId, b.OfferingId, b.Shop!.Name, b.Shop.Slug, b.Shop.Phone, b.Shop.Address,
        b.Shop.TimeZone, b.Start, b.End, b.ServiceName, b.Provider!.DisplayName, b.Status, b.Price, b.Shop.Policy.CancellationWindow, b.Notes,
        b.SeriesId, b.SeriesIndex, b.Shop.Vertical, b.Services);
}
