using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// A client's Idempotency-Key for one booking request, scoped to the user who sent it, written in the same transaction
/// as the booking it names (<see cref="IdempotentBookings"/>): every retry with the same key gets that booking back
/// instead of making another.
/// </summary>
public sealed class BookingRequestKey
{
    public const int MaxKeyLength = 100;

    private BookingRequestKey() { }

    internal BookingRequestKey(string userId, string key, string fingerprint, NewBooking request, Instant now, Guid? bookingId = null)
    {
        BookingId = bookingId;
        UserId = userId;
        Key = key;
        Fingerprint = fingerprint;
        ProviderId = request.ProviderId;
        OfferingId = request.OfferingId;
        Start = request.Start;
        CreatedAt = now;
    }

    public string UserId { get; private set; } = "";
    public string Key { get; private set; } = "";
    /// <summary>A hash of the request; the same key with a different request is refused.</summary>
    public string Fingerprint { get; private set; } = "";
    public Guid ProviderId { get; private set; }
    public Guid OfferingId { get; private set; }
    public Instant Start { get; private set; }
    /// <summary>The booking the request created (null only in rows of the old two-transaction scheme; they are swept).</summary>
    public Guid? BookingId { get; private set; }
    public Instant CreatedAt { get; private set; }
}
