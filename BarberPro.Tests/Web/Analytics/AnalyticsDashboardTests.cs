using System.Globalization;
using BarberPro.Domain.Analytics;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Analytics;
using Bunit;
using NodaTime;

namespace BarberPro.Tests.Web.Analytics;

/// <summary>The dashboard over a hand-made report: what it shows is the report's figures, formatted the Argentine way.</summary>
public sealed class AnalyticsDashboardTests : BunitTestBase
{
    private static readonly Guid Diego = Guid.NewGuid(), Fede = Guid.NewGuid(), Ana = Guid.NewGuid(), Corte = Guid.NewGuid();

    /// <summary>November 2026 against October 2026 (both 30 days: 2 Oct – 31 Oct).</summary>
    public static AnalyticsReport Report(ReminderEffect? reminders = null, bool byWeek = false) => new(
        new AnalyticsQuery(Guid.NewGuid(), new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30)),
        new AnalyticsFigures(new BookingCounts(200, 160, 12, 4, 5, 8), new RevenueFigures(2_100_500.5m, 96_000m, 13_128.13m),
            new ClientFigures(40, 90, 55, 11), 0.6875, Duration.FromHours(50) + Duration.FromMinutes(30), 0.725),
        new AnalyticsFigures(new BookingCounts(160, 150, 10, 0, 3, 10), new RevenueFigures(1_800_000m, 0m, 12_000m),
            new ClientFigures(0, 80, 50, 12), 0.70, Duration.FromHours(40), 0.6),
        [new ProviderOccupancy(Diego, "Diego", 8_100, 11_400), new ProviderOccupancy(Fede, "Fede", 0, 0)],
        [new DayOccupancy(new LocalDate(2026, 11, 2), 420, 600), new DayOccupancy(new LocalDate(2026, 11, 3), 300, 600)],
        [new TopClient(Ana, "Ana Suárez", 4, 48_000m)],
        [new TopClient(Ana, "Ana Suárez", 4, 48_000m)],
        [new TopService(Corte, "Corte", 140, 1_680_000m)],
        [new TopService(Corte, "Corte", 140, 1_680_000m)],
        [new HeatCell(IsoDayOfWeek.Saturday, 11, 23), new HeatCell(IsoDayOfWeek.Tuesday, 9, 4)],
        [new TrendPoint(new LocalDate(2026, 11, 2), 9, 8, 1, 0, 96_000m), new TrendPoint(new LocalDate(2026, 11, 3), 7, 6, 0, 1, 72_500.5m)],
        byWeek,
        new UnservedDemand(5, [new FullDay(new LocalDate(2026, 11, 28), Corte, "Corte", 3)]),
        reminders ?? new ReminderEffect(0, 0, 0, 0));

    private IRenderedComponent<AnalyticsDashboard> RenderDashboard(AnalyticsReport report) =>
        Render<AnalyticsDashboard>(p => p.Add(d => d.Report, report));

    private static string Text(AngleSharp.Dom.IElement element) => string.Join(" ", element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A table row as its cells read, one space between them.</summary>
    private static string Row(AngleSharp.Dom.IElement row) => string.Join(" ", row.Children.Select(c => c.TextContent.Trim()));

    [Fact]
    public void Tiles_ShowTheFigure_ThePreviousOne_AndTheChange()
    {
        var dashboard = RenderDashboard(Report());

        var made = Text(dashboard.Find(".change-tile[data-figure=made]"));
        Assert.Contains("Turnos reservados", made);
        Assert.Contains("200", made);
        Assert.Contains("▲", made);
        Assert.Contains("25 %", made);          // 200 against 160
        Assert.Contains("antes 160", made);
        Assert.Contains("good", dashboard.Find(".change-tile[data-figure=made] .tile-change").ClassName);

        var revenue = Text(dashboard.Find(".change-tile[data-figure=revenue]"));
        Assert.Contains("$ 2.100.500,50", revenue);
        Assert.Contains("antes $ 1.800.000", revenue);
        Assert.Contains("16,7 %", revenue);

        // A rate moves in percentage points, and fewer no-shows is good news.
        var noShows = dashboard.Find(".change-tile[data-figure=no-show-rate]");
        Assert.Contains("4,8 %", Text(noShows));    // 8 of 168 came due
        Assert.Contains("▼", Text(noShows));
        Assert.Contains("1,5 p.p.", Text(noShows)); // 6,25 % before
        Assert.Contains("good", noShows.QuerySelector(".tile-change")!.ClassName);

        // Nothing before: "nuevo" instead of a percentage.
        Assert.Contains("nuevo", Text(dashboard.Find(".change-tile[data-figure=new-clients]")));
    }

    [Fact]
    public void EveryChart_HasItsNumbersInATable()
    {
        var dashboard = RenderDashboard(Report());

        foreach (var section in new[] { "#analytics-bookings", "#analytics-occupancy", "#analytics-services", "#analytics-trend" })
        {
            var box = dashboard.Find(section);
            Assert.NotEmpty(box.QuerySelectorAll("svg"));
            Assert.NotEmpty(box.QuerySelectorAll("table.numbers tbody tr"));
        }
        var bookings = dashboard.Find("#analytics-bookings tr[data-figure=late-cancellations]");
        Assert.Equal(["Cancelaciones tardías", "5", "3", "▲ 66,7 %"], bookings.Children.Select(c => c.TextContent.Trim()));
        Assert.Contains("bad", bookings.QuerySelector(".change")!.ClassName);

        var providers = dashboard.FindAll("#occupancy-providers tbody tr").Select(Row).ToList();
        Assert.Equal("Diego 135 h 190 h 71,1 %", providers[0]);
        Assert.Equal("Fede 0 min 0 min —", providers[1]);

        var trend = dashboard.FindAll("#trend-table tbody tr").Select(Row).ToList();
        Assert.Equal("03/11/2026 7 6 0 1 $ 72.500,50", trend[1]);
        Assert.Contains("Evolución por día", dashboard.Find("#analytics-trend h2").TextContent);

        var heat = dashboard.Find(".heatmap td[data-day='6'][data-hour='11']");
        Assert.Equal("23", heat.TextContent.Trim());
        Assert.Contains("Sáb", dashboard.Find(".heatmap").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Revenue_Clients_Habits_AndUnservedDemand_AreFormattedTheArgentineWay()
    {
        var dashboard = RenderDashboard(Report());

        Assert.Equal("Del 01/11/2026 al 30/11/2026, comparado con el 02/10/2026 al 31/10/2026.", dashboard.Find("#analytics-period").TextContent.Trim());
        Assert.Equal("$ 13.128,13", dashboard.Find("#analytics-revenue tr[data-figure=average-ticket] .current").TextContent.Trim());
        Assert.Equal("$ 96.000", dashboard.Find("#analytics-revenue tr[data-figure=revenue-expected] .current").TextContent.Trim());
        Assert.Equal("2 d 2 h", dashboard.Find("tr[data-figure=lead-time] .current").TextContent.Trim());
        Assert.Equal("72,5 %", dashboard.Find("tr[data-figure=online-share] .current").TextContent.Trim());
        Assert.Equal("55", dashboard.Find("#analytics-clients tr[data-figure=rebooked] .current").TextContent.Trim());
        Assert.Equal("Ana Suárez 4 $ 48.000", Row(dashboard.Find("#top-clients-spend tbody tr")));
        Assert.Contains("5", dashboard.Find("#waitlist-never-served").TextContent);
        Assert.Equal("28/11/2026 Corte 3", Row(dashboard.Find("#full-days tbody tr")));
    }

    [Fact]
    public void Reminders_AreHidden_WithoutData_AndShownWithIt()
    {
        Assert.Empty(RenderDashboard(Report()).FindAll("#analytics-reminders"));

        var dashboard = RenderDashboard(Report(new ReminderEffect(120, 2, 50, 7)));

        var rows = dashboard.FindAll("#reminders-table tbody tr").Select(Row).ToList();
        Assert.Equal("Confirmaron el recordatorio 120 2 1,7 %", rows[0]);
        Assert.Equal("No lo confirmaron 50 7 14 %", rows[1]);
    }

    [Fact]
    public void WeeklyTrend_SaysSo()
    {
        var dashboard = RenderDashboard(Report(byWeek: true));

        Assert.Contains("Evolución por semana", dashboard.Find("#analytics-trend h2").TextContent);
        Assert.Contains("Semana del", dashboard.Find("#trend-table thead").TextContent);
    }

    [Fact]
    public void InEnglish_TheTextsChange_ButPesosStayArgentine()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");

        var dashboard = RenderDashboard(Report());

        var revenue = Text(dashboard.Find(".change-tile[data-figure=revenue]"));
        Assert.Contains("Revenue", revenue);
        Assert.Contains("$ 2.100.500,50", revenue);
        Assert.Contains("16.7 %", revenue);
    }
}
