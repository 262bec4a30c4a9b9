using BarberPro.Domain.Analytics;
using BarberPro.Web.Components;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BarberPro.Web.Features.Analytics;

/// <summary>
/// Shows an <see cref="AnalyticsReport"/>: it formats the figures the report holds and computes none (a change against the
/// previous period is the two figures written side by side, with the difference as <see cref="AnalyticsFormat"/> words it).
/// </summary>
public partial class AnalyticsDashboard
{

    [Parameter, EditorRequired] public AnalyticsReport Report { get; set; } = default!;

    private AnalyticsFigures Cur => Report.Current;
    private AnalyticsFigures Prev => Report.Previous;
    private AnalyticsQuery _previous = default!;

    private List<CompareTable.Row> _bookingRows = [], _revenueRows = [], _clientRows = [], _habitRows = [];
    private List<ChartSeries<double>> _bookingSeries = [], _occupancySeries = [], _dayOccupancySeries = [], _serviceSeries = [], _trendSeries = [];
    private string[] _bookingLabels = [], _occupancyLabels = [], _dayLabels = [], _serviceLabels = [], _trendLabels = [];

    private FigureChange Change(decimal current, decimal previous) => AnalyticsFormat.Change(current, previous, L["Analytics.New"]);

    private FigureChange? Points(double? current, double? previous) => AnalyticsFormat.RateChange(current, previous, L["Analytics.Points"]);

    protected override void OnParametersSet()
    {
        _previous = Report.Query.Previous();
        string Count(int n) => AnalyticsFormat.Count(n);
        CompareTable.Row CountRow(string key, string label, int cur, int prev, bool? goodWhenUp = true) =>
            new(key, label, Count(cur), Count(prev), Change(cur, prev), goodWhenUp);
        CompareTable.Row RateRow(string key, string label, double? cur, double? prev, bool? goodWhenUp) =>
            new(key, label, AnalyticsFormat.Percent(cur), AnalyticsFormat.Percent(prev), Points(cur, prev), goodWhenUp);

        var (b, pb) = (Cur.Bookings, Prev.Bookings);
        _bookingRows =
        [
            CountRow("made", L["Analytics.Made"], b.Made, pb.Made),
            CountRow("completed", L["Analytics.Completed"], b.Completed, pb.Completed),
            CountRow("cancelled-by-customer", L["Analytics.CancelledByCustomer"], b.CancelledByCustomer, pb.CancelledByCustomer, false),
            CountRow("cancelled-by-shop", L["Analytics.CancelledByShop"], b.CancelledByShop, pb.CancelledByShop, false),
            CountRow("late-cancellations", L["Analytics.LateCancellations"], b.LateCancellations, pb.LateCancellations, false),
            CountRow("no-shows", L["Analytics.NoShows"], b.NoShows, pb.NoShows, false),
            RateRow("cancellation-rate", L["Analytics.CancellationRate"], b.CancellationRate, pb.CancellationRate, false),
            RateRow("no-show-rate", L["Analytics.NoShowRate"], b.NoShowRate, pb.NoShowRate, false),
        ];
        _bookingLabels = [L["Analytics.Chart.Completed"], L["Analytics.Chart.ByCustomer"], L["Analytics.Chart.ByShop"], L["Analytics.Chart.Late"], L["Analytics.Chart.NoShows"]];
        _bookingSeries =
        [
            Series(L["Analytics.ThisPeriod"], [b.Completed, b.CancelledByCustomer, b.CancelledByShop, b.LateCancellations, b.NoShows]),
            Series(L["Analytics.PreviousPeriod"], [pb.Completed, pb.CancelledByCustomer, pb.CancelledByShop, pb.LateCancellations, pb.NoShows]),
        ];

        var (r, pr) = (Cur.Revenue, Prev.Revenue);
        _revenueRows =
        [
            new("revenue-completed", L["Analytics.Revenue"], Formatting.Money(r.Completed), Formatting.Money(pr.Completed), Change(r.Completed, pr.Completed), true),
            new("revenue-expected", L["Analytics.Expected"], Formatting.Money(r.Expected), Formatting.Money(pr.Expected), Change(r.Expected, pr.Expected), true),
            new("average-ticket", L["Analytics.AverageTicket"], AnalyticsFormat.Money(r.AverageTicket), AnalyticsFormat.Money(pr.AverageTicket),
                r.AverageTicket is { } t && pr.AverageTicket is { } pt ? Change(t, pt) : null, true),
        ];

        var (c, pc) = (Cur.Clients, Prev.Clients);
        _clientRows =
        [
            CountRow("new", L["Analytics.NewClients"], c.New, pc.New),
            CountRow("returning", L["Analytics.Returning"], c.Returning, pc.Returning),
            CountRow("rebooked", L["Analytics.Rebooked"], c.Rebooked, pc.Rebooked),
            CountRow("walk-ins", L["Analytics.WalkIns"], c.WalkIns, pc.WalkIns, null),
        ];
        _habitRows =
        [
            new("lead-time", L["Analytics.LeadTime"], AnalyticsFormat.Lead(Cur.AverageLeadTime), AnalyticsFormat.Lead(Prev.AverageLeadTime),
                AnalyticsFormat.DurationChange(Cur.AverageLeadTime, Prev.AverageLeadTime, L["Analytics.New"]), null),
            RateRow("online-share", L["Analytics.OnlineShare"], Cur.OnlineShare, Prev.OnlineShare, null),
        ];

        _occupancyLabels = Report.Occupancy.Select(p => p.Name).ToArray();
        _occupancySeries = [Series(L["Analytics.OccupancyPercent"], Report.Occupancy.Select(p => Percent(p.Rate)))];
        _dayLabels = Sparse(Report.OccupancyByDay.Select(d => AnalyticsFormat.ShortDate(d.Date)).ToArray());
        _dayOccupancySeries = [Series(L["Analytics.OccupancyPercent"], Report.OccupancyByDay.Select(d => Percent(d.Rate)))];
        _serviceLabels = Report.TopServicesByCount.Select(s => s.Name).ToArray();
        _serviceSeries = [Series(L["Analytics.Count"], Report.TopServicesByCount.Select(s => (double)s.Count))];
        _trendLabels = Sparse(Report.Trend.Select(t => AnalyticsFormat.ShortDate(t.Start)).ToArray());
        _trendSeries =
        [
            Series(L["Analytics.Made"], Report.Trend.Select(t => (double)t.Made)),
            Series(L["Analytics.Completed"], Report.Trend.Select(t => (double)t.Completed)),
            Series(L["Analytics.Cancelled"], Report.Trend.Select(t => (double)t.Cancelled)),
            Series(L["Analytics.NoShows"], Report.Trend.Select(t => (double)t.NoShows)),
        ];
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = values.ToArray() };

    private static double Percent(double? rate) => Math.Round((rate ?? 0) * 100, 1);

    // A phone has room for about eight axis labels: the others are left blank (the table has every one).
    private static string[] Sparse(string[] labels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(labels.Length / 8.0));
        return labels.Select((l, i) => i % step == 0 ? l : "").ToArray();
    }
}
