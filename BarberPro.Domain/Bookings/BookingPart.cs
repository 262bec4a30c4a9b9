using BarberPro.Domain.Catalog;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// One service of a visit of several ("corte + barba"): such a visit is one <see cref="Booking"/> whose parts follow one
/// another with the same provider, in <see cref="Position"/> order, from the booking's start (docs/decisions/0016). A
/// booking of one service has no parts: its <see cref="Booking.Offering"/> says everything.
/// </summary>
public sealed class BookingPart
{
    private BookingPart() { }

    internal BookingPart(Guid bookingId, int position, Offering offering)
    {
        Id = Guid.CreateVersion7();
        BookingId = bookingId;
        Position = position;
        OfferingId = offering.Id;
        Name = offering.Name;
        Duration = offering.Duration;
        Price = offering.Price;
    }

    public Guid Id { get; private set; }
    public Guid BookingId { get; private set; }
    /// <summary>0 for the first service of the visit (the booking's <see cref="Booking.OfferingId"/>), then 1, 2…</summary>
    public int Position { get; private set; }
    public Guid OfferingId { get; private set; }
    /// <summary>The service's name when booked (what the customer picked, whatever the shop renames it to later).</summary>
    public string Name { get; private set; } = "";
    /// <summary>How long this part takes; a move takes the service's current length, as a one-service booking does.</summary>
    public Duration Duration { get; private set; }
    /// <summary>The service's price when booked; later price changes do not touch it.</summary>
    public decimal Price { get; private set; }

    internal void Reshape(Offering offering) => Duration = offering.Duration;
}

/// <summary>One service of a booking with its times (<see cref="Booking.Services"/>).</summary>
public sealed record BookedService(Guid OfferingId, string Name, Instant Start, Instant End, decimal Price);
