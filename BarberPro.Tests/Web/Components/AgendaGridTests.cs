using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using Bunit;

namespace BarberPro.Tests.Web.Components;

public sealed class AgendaGridTests : BunitTestBase
{
    private static readonly LocalDate Day = new(2026, 12, 8);

    private static AgendaQueries.Item Booking(int hour, int minute, int minutes, BookingStatus status, string who) => new(
        Guid.NewGuid(), AgendaQueries.ItemKind.Booking, Guid.Empty, Day.At(new LocalTime(hour, minute)), Day.At(new LocalTime(hour, minute)).PlusMinutes(minutes),
        Instant.MinValue, who, "Corte", "+5491123456789", status, Guid.NewGuid(), null);

    [Fact]
    public void OverlappingStatuses_AreLaidSideBySide_EachWithItsStatusColour()
    {
        var cancelled = Booking(10, 0, 30, BookingStatus.Cancelled, "Ana");
        var confirmed = Booking(10, 0, 30, BookingStatus.Confirmed, "Beto");
        var pending = Booking(10, 15, 30, BookingStatus.Pending, "Caro");
        var alone = Booking(15, 0, 30, BookingStatus.Completed, "Dani");

        var grid = Render<AgendaGrid>(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [cancelled, confirmed, pending, alone])])
            .Add(g => g.Span, new AgendaSpan(10, 20)));

        var cancelledBlock = grid.Find($"[data-booking='{cancelled.Id}']");
        var confirmedBlock = grid.Find($"[data-booking='{confirmed.Id}']");
        var pendingBlock = grid.Find($"[data-booking='{pending.Id}']");
        var aloneBlock = grid.Find($"[data-booking='{alone.Id}']");
        Assert.Contains("status-cancelled", cancelledBlock.ClassName);
        Assert.Contains("status-confirmed", confirmedBlock.ClassName);
        Assert.Contains("status-pending", pendingBlock.ClassName);
        Assert.Contains("status-completed", aloneBlock.ClassName);
        // Three overlapping items share the width in three lanes; the lone one takes all of it.
        var lefts = new[] { cancelledBlock, confirmedBlock, pendingBlock }.Select(b => Style(b, "left")).OrderBy(v => v).ToList();
        Assert.Equal(["0%", "33.333%", "66.667%"], lefts);
        Assert.All(new[] { cancelledBlock, confirmedBlock, pendingBlock }, b => Assert.Equal("33.333%", Style(b, "width")));
        Assert.Equal("100%", Style(aloneBlock, "width"));
        Assert.Equal("50%", Style(aloneBlock, "top"));
    }

    [Fact]
    public void TimeOff_IsDrawnAsBlocked()
    {
        var off = new AgendaQueries.Item(Guid.NewGuid(), AgendaQueries.ItemKind.TimeOff, Guid.Empty, Day.At(new LocalTime(13, 0)), Day.At(new LocalTime(14, 0)),
            Instant.MinValue, "Almuerzo", null, null, null, null, null);

        var grid = Render<AgendaGrid>(p => p.Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [off])]));

        var block = grid.Find(".time-off");
        Assert.Contains("Bloqueado", block.TextContent);
        Assert.Empty(grid.FindAll("[data-booking]"));
    }

    [Fact]
    public void Clicking_ABooking_RaisesItemClicked()
    {
        var booking = Booking(11, 0, 30, BookingStatus.Pending, "Ana");
        AgendaQueries.Item? clicked = null;
        var grid = Render<AgendaGrid>(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [booking])])
            .Add(g => g.ItemClicked, (AgendaQueries.Item i) => clicked = i));

        grid.Find($"[data-booking='{booking.Id}']").Click();

        Assert.Equal(booking.Id, clicked?.Id);
    }

    [Fact]
    public async Task HoursUntil2359_WithABookingAt2315_RendersUpToMidnight()
    {
        var late = Booking(23, 15, 30, BookingStatus.Confirmed, "Ana");
        var span = AgendaSpan.Of([new AgendaQueries.AgendaDay(Day, [new LocalTimeRange(new LocalTime(20, 0), new LocalTime(23, 59))], [late])]);

        var grid = await RenderGuardedAsync(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "domingo", Day, [late])])
            .Add(g => g.Span, span));

        Assert.Equal(["20:00", "21:00", "22:00", "23:00"], HourLabels(grid));
        Assert.Contains("--rows: 16", grid.Find(".agenda-grid").GetAttribute("style"));
        var block = grid.Find($"[data-booking='{late.Id}']");
        Assert.Equal("81.25%", Style(block, "top")); // 23:15 is 195 of the 240 minutes from 20:00
        Assert.Equal("12.5%", Style(block, "height"));
    }

    [Fact]
    public async Task WholeDay_0000To2400_RendersAll24HoursAnd96Rows()
    {
        var first = Booking(0, 0, 30, BookingStatus.Confirmed, "Ana");
        var last = Booking(23, 45, 15, BookingStatus.Pending, "Beto"); // ends at the next midnight

        var grid = await RenderGuardedAsync(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [first, last])])
            .Add(g => g.Span, AgendaSpan.WholeDay));

        Assert.Equal(Enumerable.Range(0, 24).Select(h => $"{h:00}:00").ToArray(), HourLabels(grid));
        Assert.Contains($"--rows: {AgendaSpan.MaxRows}", grid.Find(".agenda-grid").GetAttribute("style"));
        Assert.Equal("0%", Style(grid.Find($"[data-booking='{first.Id}']"), "top"));
        var lastBlock = grid.Find($"[data-booking='{last.Id}']");
        Assert.Equal("98.958%", Style(lastBlock, "top"));
        Assert.Equal("1.042%", Style(lastBlock, "height"));
    }

    [Fact]
    public async Task AnItemOutsideTheSpan_IsClampedToItsEdge_NotDrawnBelowIt()
    {
        var late = Booking(22, 0, 30, BookingStatus.Confirmed, "Ana");

        var grid = await RenderGuardedAsync(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [late])])
            .Add(g => g.Span, new AgendaSpan(10, 20)));

        var block = grid.Find($"[data-booking='{late.Id}']");
        Assert.Equal("97.5%", Style(block, "top"));
        Assert.Equal("2.5%", Style(block, "height"));
    }

    [Fact]
    public void TwentyMinuteBlock_ShowsTheServiceName_OnItsOneLine()
    {
        var beard = Booking(11, 0, 20, BookingStatus.Confirmed, "Ana") with { Subtitle = "Barba" };
        var haircut = Booking(12, 0, 30, BookingStatus.Confirmed, "Beto");

        var grid = Render<AgendaGrid>(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [beard, haircut])])
            .Add(g => g.Span, new AgendaSpan(10, 20)));

        var shortBlock = grid.Find($"[data-booking='{beard.Id}']");
        Assert.Contains("compact", shortBlock.ClassList);
        // One line: time, service, customer — the service comes before the name so the ellipsis never hides it.
        Assert.Equal(["time", "what", "sep", "who"], shortBlock.Children.Select(c => c.ClassName ?? "").ToArray());
        Assert.Equal("Barba", shortBlock.QuerySelector(".what")!.TextContent);
        Assert.Contains("Barba", shortBlock.GetAttribute("title"));
        var longBlock = grid.Find($"[data-booking='{haircut.Id}']");
        Assert.DoesNotContain("compact", longBlock.ClassList);
        Assert.Equal(["time", "who", "what"], longBlock.Children.Select(c => c.ClassName ?? "").ToArray());
    }

    [Fact]
    public void ClosedColumn_SaysCerrado_AndStillShowsItsBooking()
    {
        var booking = Booking(11, 0, 30, BookingStatus.Confirmed, "Ana");

        var grid = Render<AgendaGrid>(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "lunes", Day, [booking], Closed: true)])
            .Add(g => g.Span, new AgendaSpan(11, 12)));

        Assert.Contains("Cerrado", grid.Find(".column-title").TextContent);
        Assert.Contains("closed", grid.Find("[data-column='d']").ClassList);
        Assert.NotNull(grid.Find($"[data-booking='{booking.Id}']"));
    }

    [Fact]
    public void EmptySpan_ShowsOnlyTheColumnTitles()
    {
        var grid = Render<AgendaGrid>(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("a", "Diego", Day, [], Closed: true), new AgendaGrid.Column("b", "Fede", Day, [], Closed: true)])
            .Add(g => g.Span, default(AgendaSpan)));

        Assert.Empty(grid.FindAll(".hour"));
        Assert.Contains("--rows: 0", grid.Find(".agenda-grid").GetAttribute("style"));
        Assert.Equal(2, grid.FindAll(".column-title .closed-tag").Count);
    }

    [Fact]
    public void ListOnPhones_RendersEveryDayAsAList_WithEachItem()
    {
        var monday = Booking(23, 15, 30, BookingStatus.Confirmed, "Ana");

        var grid = Render<AgendaGrid>(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("a", "lun 8", Day, [monday]), new AgendaGrid.Column("b", "mar 9", Day.PlusDays(1), [], Closed: true), new AgendaGrid.Column("c", "mié 10", Day.PlusDays(2), [])])
            .Add(g => g.Span, new AgendaSpan(10, 24))
            .Add(g => g.ListOnPhones, true));

        Assert.Contains("has-list", grid.Find(".agenda-grid").ClassList);
        var days = grid.FindAll(".agenda-list .list-day");
        Assert.Equal(3, days.Count);
        Assert.Contains("23:15–23:45", grid.Find($"[data-entry='{monday.Id}']").TextContent);
        Assert.Contains("Cerrado", days[1].TextContent);
        Assert.Contains("Sin turnos", days[2].TextContent);
    }

    [Fact]
    public void WithoutListOnPhones_ThereIsNoList()
    {
        var grid = Render<AgendaGrid>(p => p.Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [])]));

        Assert.Empty(grid.FindAll(".agenda-list"));
    }

    /// <summary>Renders on another task and fails if it never finishes: a hang guard (before issue 7's fix the render looped forever), not a latency bound.</summary>
    private async Task<IRenderedComponent<AgendaGrid>> RenderGuardedAsync(Action<ComponentParameterCollectionBuilder<AgendaGrid>> parameters)
    {
        var rendering = Task.Run(() => Render(parameters));
        Assert.True(await Task.WhenAny(rendering, Task.Delay(TimeSpan.FromSeconds(60))) == rendering, "the grid never finished rendering");
        return await rendering;
    }

    private static string[] HourLabels(IRenderedComponent<AgendaGrid> grid) => grid.FindAll(".hour").Select(h => h.TextContent).ToArray();

    private static string Style(AngleSharp.Dom.IElement element, string property) =>
        element.GetAttribute("style")!.Split(';').Select(s => s.Split(':')).Single(kv => kv[0].Trim() == property)[1].Trim();
}
