using BarberPro.Domain.Analytics;
using BarberPro.Web.Features.Api;
using NodaTime;

namespace BarberPro.Web.Features.Analytics;

/// <summary>GET /api/v1/shops/{id}/analytics. Dates YYYY-MM-DD (shop-local), money in ARS, rates as fractions (null: nothing to divide by).</summary>
public sealed record AnalyticsResponse(
    Guid ShopId,
    string From,
    string To,
    Guid? ProviderId,
    Guid? ServiceId,
    BookingsFigures Bookings,
    RatesFigures Rates,
    RevenueFiguresResponse Revenue,
    ClientsFigures Clients,
    double? OccupancyRate,
    double? AverageLeadTimeHours,
    double? OnlineShare,
    IReadOnlyList<ProviderOccupancyResponse> Occupancy,
    IReadOnlyList<DayOccupancyResponse> OccupancyByDay,
    IReadOnlyList<TopClientResponse> TopClientsByVisits,
    IReadOnlyList<TopClientResponse> TopClientsBySpend,
    IReadOnlyList<TopServiceResponse> TopServicesByCount,
    IReadOnlyList<TopServiceResponse> TopServicesByRevenue,
    IReadOnlyList<HeatCellResponse> BusiestHours,
    TrendResponse Trend,
    UnservedResponse Unserved,
    RemindersResponse Reminders,
    PreviousPeriodResponse Previous)
{
    public static AnalyticsResponse Of(AnalyticsReport report)
    {
        var q = report.Query;
        var c = report.Current;
        var previous = q.Previous();
        var p = report.Previous;
        return new(q.ShopId, ApiTime.Out(q.From), ApiTime.Out(q.To), q.ProviderId, q.OfferingId,
            BookingsFigures.Of(c.Bookings), RatesFigures.Of(c.Bookings), RevenueFiguresResponse.Of(c.Revenue), ClientsFigures.Of(c.Clients),
            c.OccupancyRate, Hours(c.AverageLeadTime), c.OnlineShare,
            report.Occupancy.Select(o => new ProviderOccupancyResponse(o.ProviderId, o.Name, o.BookedMinutes, o.AvailableMinutes, o.Rate)).ToList(),
            report.OccupancyByDay.Select(d => new DayOccupancyResponse(ApiTime.Out(d.Date), d.BookedMinutes, d.AvailableMinutes, d.Rate)).ToList(),
            report.TopClientsByVisits.Select(TopClientResponse.Of).ToList(),
            report.TopClientsBySpend.Select(TopClientResponse.Of).ToList(),
            report.TopServicesByCount.Select(TopServiceResponse.Of).ToList(),
            report.TopServicesByRevenue.Select(TopServiceResponse.Of).ToList(),
            report.BusiestHours.Select(h => new HeatCellResponse(h.Day.ToString().ToLowerInvariant(), h.Hour, h.Count)).ToList(),
            new TrendResponse(report.TrendByWeek ? "week" : "day",
                report.Trend.Select(t => new TrendPointResponse(ApiTime.Out(t.Start), t.Made, t.Completed, t.Cancelled, t.NoShows, t.Revenue)).ToList()),
            new UnservedResponse(report.Unserved.WaitlistNeverServed,
                report.Unserved.FullDays.Select(f => new FullDayResponse(ApiTime.Out(f.Date), f.OfferingId, f.ServiceName, f.Waiting)).ToList()),
            new RemindersResponse(report.Reminders.HasData, report.Reminders.Confirmed, report.Reminders.ConfirmedNoShows, report.Reminders.ConfirmedNoShowRate,
                report.Reminders.NotConfirmed, report.Reminders.NotConfirmedNoShows, report.Reminders.NotConfirmedNoShowRate),
            new PreviousPeriodResponse(ApiTime.Out(previous.From), ApiTime.Out(previous.To),
                BookingsFigures.Of(p.Bookings), RatesFigures.Of(p.Bookings), RevenueFiguresResponse.Of(p.Revenue), ClientsFigures.Of(p.Clients),
                p.OccupancyRate, Hours(p.AverageLeadTime), p.OnlineShare));
    }

    private static double? Hours(Duration? lead) => lead is { } d ? Math.Round(d.TotalHours, 2) : null;
}

/// <summary>The same headline figures for the previous period of equal length (<c>from</c>–<c>to</c>).</summary>
public sealed record PreviousPeriodResponse(
    string From,
    string To,
    BookingsFigures Bookings,
    RatesFigures Rates,
    RevenueFiguresResponse Revenue,
    ClientsFigures Clients,
    double? OccupancyRate,
    double? AverageLeadTimeHours,
    double? OnlineShare);

public sealed record BookingsFigures(int Made, int Completed, int CancelledByCustomer, int CancelledByShop, int LateCancellations, int NoShows)
{
    public static BookingsFigures Of(BookingCounts b) => new(b.Made, b.Completed, b.CancelledByCustomer, b.CancelledByShop, b.LateCancellations, b.NoShows);
}

/// <summary>Cancelled over made; no-shows over the appointments that came due (completed or missed).</summary>
public sealed record RatesFigures(double? Cancellation, double? NoShow)
{
    public static RatesFigures Of(BookingCounts b) => new(b.CancellationRate, b.NoShowRate);
}

public sealed record RevenueFiguresResponse(decimal Completed, decimal Expected, decimal? AverageTicket, string Currency)
{
    public static RevenueFiguresResponse Of(RevenueFigures r) => new(r.Completed, r.Expected, r.AverageTicket, BarberPro.Domain.Common.Ars.Currency);
}

public sealed record ClientsFigures(int New, int Returning, int Rebooked, int WalkIns)
{
    public static ClientsFigures Of(ClientFigures c) => new(c.New, c.Returning, c.Rebooked, c.WalkIns);
}

public sealed record ProviderOccupancyResponse(Guid ProviderId, string Name, int BookedMinutes, int AvailableMinutes, double? Rate);

public sealed record DayOccupancyResponse(string Date, int BookedMinutes, int AvailableMinutes, double? Rate);

public sealed record TopClientResponse(Guid CustomerId, string Name, int Visits, decimal Spend)
{
    public static TopClientResponse Of(TopClient c) => new(c.CustomerId, c.Name, c.Visits, c.Spend);
}

public sealed record TopServiceResponse(Guid ServiceId, string Name, int Count, decimal Revenue)
{
    public static TopServiceResponse Of(TopService s) => new(s.OfferingId, s.Name, s.Count, s.Revenue);
}

/// <summary>Bookings (not cancelled) starting on a shop-local weekday (monday … sunday) and hour (0–23).</summary>
public sealed record HeatCellResponse(string Day, int Hour, int Count);

/// <summary>One point per day or per week (<c>interval</c>: "day" or "week"; a week starts on Monday or on the range's first day).</summary>
public sealed record TrendResponse(string Interval, IReadOnlyList<TrendPointResponse> Points);

public sealed record TrendPointResponse(string Start, int Made, int Completed, int Cancelled, int NoShows, decimal Revenue);

public sealed record UnservedResponse(int WaitlistNeverServed, IReadOnlyList<FullDayResponse> FullDays);

public sealed record FullDayResponse(string Date, Guid ServiceId, string ServiceName, int Waiting);

/// <summary>No-shows among bookings whose reminder the customer confirmed, against those they did not; <c>hasData</c> false until reminders exist.</summary>
public sealed record RemindersResponse(bool HasData, int Confirmed, int ConfirmedNoShows, double? ConfirmedNoShowRate, int NotConfirmed, int NotConfirmedNoShows, double? NotConfirmedNoShowRate);
