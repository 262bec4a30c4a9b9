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

    /// <summary>The same rule as <see cref="IsBlocking"/>, as SQL: the bookings whose blocked span keeps others out.</summary>
    public static IQueryable<Booking> ThatBlockTime(this IQueryable<Booking> bookings) =>
        bookings.Where(b => b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Completed);
}
