namespace BarberPro.Domain.Bookings;

public enum BookingStatus
{
    Pending = 0,
    Confirmed = 1,
    Completed = 2,
    Cancelled = 3,
    NoShow = 4,
}

public enum BookingAction
{
    Confirm,
    Cancel,
    Reschedule,
    Complete,
    MarkNoShow,
}

/// <summary>Who is acting, as far as the lifecycle rules are concerned.</summary>
public enum ActorRole
{
    Customer,
    Provider,
    Owner,
    Admin,
}

public static class BookingStatuses
{
    /// <summary>Statuses whose blocked span keeps other bookings out of the provider's agenda.</summary>
    public static readonly IReadOnlyList<BookingStatus> Blocking = [BookingStatus.Pending, BookingStatus.Confirmed, BookingStatus.Completed];

    public static bool IsBlocking(this BookingStatus status) => Blocking.Contains(status);

    /// <summary>
    /// The same rule as <see cref="Booking.BlocksTime"/>, as SQL: individual bookings in a blocking status, whose blocked
    /// span keeps others out (a seat in a group session blocks nothing itself; the session does).
    /// </summary>
    public static IQueryable<Booking> ThatBlockTime(this IQueryable<Booking> bookings) =>
        bookings.ThatAreActive().Where(b => b.SessionId == null);

    /// <summary>
    /// <see cref="Blocking"/> as SQL, seats included: the bookings that count as taken (a seat counts against its session's
    /// capacity).
    /// </summary>
    public static IQueryable<Booking> ThatAreActive(this IQueryable<Booking> bookings) =>
        bookings.Where(b => b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed);

    /// <summary>
    /// Whether a booking is still ahead of its outcome: pending or confirmed, not yet attended, missed or cancelled. What
    /// "cancel this and the following", leaving a class, cancelling a class and closing the shop look at.
    /// </summary>
    public static bool IsOpen(this BookingStatus status) => status is BookingStatus.Pending or BookingStatus.Confirmed;

    /// <summary><see cref="IsOpen"/> as SQL.</summary>
    public static IQueryable<Booking> ThatAreOpen(this IQueryable<Booking> bookings) =>
        bookings.Where(b => b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed);
}
