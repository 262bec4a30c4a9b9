using BarberPro.Domain.Bookings;
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
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", [cancelled, confirmed, pending, alone])])
            .Add(g => g.DayStart, new LocalTime(10, 0))
            .Add(g => g.DayEnd, new LocalTime(20, 0)));

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

        var grid = Render<AgendaGrid>(p => p.Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", [off])]));

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
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", [booking])])
            .Add(g => g.ItemClicked, (AgendaQueries.Item i) => clicked = i));

        grid.Find($"[data-booking='{booking.Id}']").Click();

        Assert.Equal(booking.Id, clicked?.Id);
    }

    private static string Style(AngleSharp.Dom.IElement element, string property) =>
        element.GetAttribute("style")!.Split(';').Select(s => s.Split(':')).Single(kv => kv[0].Trim() == property)[1].Trim();
}
