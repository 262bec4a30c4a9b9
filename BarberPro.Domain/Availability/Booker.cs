using NodaTime;

namespace BarberPro.Domain.Availability;

/// <summary>
/// Who is asking for a start, as the availability engine sees it. Customers book on the slot grid and respect the
/// shop's minimum notice; staff (walk-ins, bookings taken by phone) skip the notice and may also start a booking now.
/// </summary>
public enum Booker
{
    Customer,
    Staff,
}

/// <summary>What staff may book on a date for a walk-in.</summary>
/// <param name="Now">The current minute, when the date is today and a booking may start right now; off the slot grid.</param>
/// <param name="Next">The free grid starts after now (no minimum notice), in order.</param>
public sealed record StaffStarts(Instant? Now, IReadOnlyList<Instant> Next);
