using NodaTime;

namespace BarberPro.Domain.Analytics;

/// <summary>
/// What an analytics page or the API asks for: a shop, a range of the shop's local days (both inclusive), optionally one
/// barber and/or one service. A barber's own numbers are the same query with <see cref="ProviderId"/> set to theirs
/// (<see cref="AnalyticsService"/> decides who may ask what).
/// </summary>
public sealed record AnalyticsQuery(Guid ShopId, LocalDate From, LocalDate To, Guid? ProviderId = null, Guid? OfferingId = null)
{
    /// <summary>The longest range one report covers (three years and a day).</summary>
    public const int MaxDays = 3 * 366;

    /// <summary>How many days the range covers (both ends included).</summary>
    public int Days => Period.DaysBetween(From, To) + 1;

    /// <summary>The period of the same length just before this one (what each figure is compared with).</summary>
    public AnalyticsQuery Previous() => this with { From = From.PlusDays(-Days), To = From.PlusDays(-1) };
}

/// <summary>
/// The report behind the owner's and barber's analytics pages, the API and the summary export. Every figure counts
/// bookings by the shop-local day of their appointment (<c>Booking.LocalStartDate</c>) inside the range; money is the
/// booking's price snapshot in ARS, so a later price change does not touch past figures.
/// </summary>
/// <param name="Current">The headline figures of the range.</param>
/// <param name="Previous">The same figures for the previous period of equal length.</param>
/// <param name="TrendByWeek">True when <see cref="Trend"/> has one point per week (ranges over 62 days), else one per day.</param>
public sealed record AnalyticsReport(
    AnalyticsQuery Query,
    AnalyticsFigures Current,
    AnalyticsFigures Previous,
    IReadOnlyList<ProviderOccupancy> Occupancy,
    IReadOnlyList<DayOccupancy> OccupancyByDay,
    IReadOnlyList<TopClient> TopClientsByVisits,
    IReadOnlyList<TopClient> TopClientsBySpend,
    IReadOnlyList<TopService> TopServicesByCount,
    IReadOnlyList<TopService> TopServicesByRevenue,
    IReadOnlyList<HeatCell> BusiestHours,
    IReadOnlyList<TrendPoint> Trend,
    bool TrendByWeek,
    UnservedDemand Unserved,
    ReminderEffect Reminders);

/// <summary>The figures compared period against period.</summary>
/// <param name="OccupancyRate">Booked over available minutes for the whole range and the barbers in it; null without working time.</param>
/// <param name="AverageLeadTime">Mean time from booking to appointment over the bookings made; null without bookings.</param>
/// <param name="OnlineShare">Share of the bookings made by customers themselves (the rest staff made for them); null without bookings.</param>
public sealed record AnalyticsFigures(
    BookingCounts Bookings,
    RevenueFigures Revenue,
    ClientFigures Clients,
    double? OccupancyRate,
    Duration? AverageLeadTime,
    double? OnlineShare);

/// <summary>
/// Bookings with their appointment in the range. <see cref="Made"/> counts every one whatever became of it; cancelled by
/// the customer or by the shop (a barber, the owner, an admin) by who cancelled; <see cref="LateCancellations"/> are the
/// cancelled ones (by anyone) cancelled inside the shop's window as it was then.
/// </summary>
public sealed record BookingCounts(int Made, int Completed, int CancelledByCustomer, int CancelledByShop, int LateCancellations, int NoShows)
{
    public int Cancelled => CancelledByCustomer + CancelledByShop;

    /// <summary>Cancelled over made; null when nothing was made.</summary>
    public double? CancellationRate => Made == 0 ? null : (double)Cancelled / Made;

    /// <summary>No-shows over the appointments that came due (completed or missed); null when none did.</summary>
    public double? NoShowRate => Completed + NoShows == 0 ? null : (double)NoShows / (Completed + NoShows);
}

/// <param name="Completed">The prices of completed bookings.</param>
/// <param name="Expected">The prices of bookings still pending or confirmed whose appointment has not started yet.</param>
/// <param name="AverageTicket">Completed revenue over completed bookings; null when none was completed.</param>
public sealed record RevenueFigures(decimal Completed, decimal Expected, decimal? AverageTicket);

/// <summary>
/// The clients seen in the range: a visit is a completed booking. <see cref="New"/>: first visit ever at the shop inside
/// the range; <see cref="Returning"/>: a visit in the range and one before it; <see cref="Rebooked"/>: of those who visited
/// in the range, the ones who already hold a future booking; <see cref="WalkIns"/>: visitors without an online account
/// (added by staff).
/// </summary>
public sealed record ClientFigures(int New, int Returning, int Rebooked, int WalkIns);

/// <summary>A barber's occupancy: booked minutes (appointments that take their time, group sessions once) over working minutes (weekly hours minus time off and closed days).</summary>
public sealed record ProviderOccupancy(Guid ProviderId, string Name, int BookedMinutes, int AvailableMinutes)
{
    public double? Rate => AvailableMinutes == 0 ? null : (double)BookedMinutes / AvailableMinutes;
}

/// <summary>Occupancy of one local day (the barbers in the report together).</summary>
public sealed record DayOccupancy(LocalDate Date, int BookedMinutes, int AvailableMinutes)
{
    public double? Rate => AvailableMinutes == 0 ? null : (double)BookedMinutes / AvailableMinutes;
}

public sealed record TopClient(Guid CustomerId, string Name, int Visits, decimal Spend);

/// <param name="Count">Bookings of the service in the range that were not cancelled.</param>
/// <param name="Revenue">Completed revenue of the service.</param>
public sealed record TopService(Guid OfferingId, string Name, int Count, decimal Revenue);

/// <summary>Bookings not cancelled that start in this shop-local weekday and hour.</summary>
public sealed record HeatCell(IsoDayOfWeek Day, int Hour, int Count);

/// <summary>One day (or the week starting on <see cref="Start"/>, a Monday or the range's first day).</summary>
public sealed record TrendPoint(LocalDate Start, int Made, int Completed, int Cancelled, int NoShows, decimal Revenue);

/// <summary>
/// Demand the shop could not serve. <see cref="WaitlistNeverServed"/>: waitlist entries for days in the range that ended
/// without a booking. <see cref="FullDays"/>: days a service was asked for on the waitlist, which customers may join only
/// when the day has no free slot for it.
/// </summary>
public sealed record UnservedDemand(int WaitlistNeverServed, IReadOnlyList<FullDay> FullDays);

public sealed record FullDay(LocalDate Date, Guid OfferingId, string ServiceName, int Waiting);

/// <summary>
/// Whether reminders change no-shows: among the bookings of the range that came due (completed or missed) and had a
/// reminder sent, those the customer confirmed (by replying to it, or in the app) against those they did not. Empty
/// (zeros) until there is data.
/// </summary>
public sealed record ReminderEffect(int Confirmed, int ConfirmedNoShows, int NotConfirmed, int NotConfirmedNoShows)
{
    public bool HasData => Confirmed + NotConfirmed > 0;
    public double? ConfirmedNoShowRate => Confirmed == 0 ? null : (double)ConfirmedNoShows / Confirmed;
    public double? NotConfirmedNoShowRate => NotConfirmed == 0 ? null : (double)NotConfirmedNoShows / NotConfirmed;
}

/// <summary>One booking behind the figures (the CSV export): local date and time in the shop's zone, money in ARS.</summary>
public sealed record AnalyticsBookingRow(
    Guid BookingId,
    LocalDateTime Start,
    LocalDateTime CreatedAt,
    string Provider,
    string Service,
    string Customer,
    string? CustomerPhone,
    Bookings.BookingStatus Status,
    Bookings.ActorRole MadeBy,
    Bookings.ActorRole? CancelledBy,
    bool CancelledLate,
    decimal Price,
    int Minutes);

/// <summary>What the analytics filters offer an actor in a shop: every barber and service to whoever runs it; a barber only themselves.</summary>
/// <param name="OwnProviderId">Set for a barber: their numbers are the only ones they see.</param>
public sealed record AnalyticsFilters(
    Guid ShopId,
    string ShopName,
    DateTimeZone TimeZone,
    IReadOnlyList<AnalyticsOption> Providers,
    IReadOnlyList<AnalyticsOption> Services,
    Guid? OwnProviderId);

public sealed record AnalyticsOption(Guid Id, string Name);
