using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Agenda;
using Bunit;

namespace BarberPro.Tests.Web.Components;

/// <summary>The agenda marks a booking that is an occurrence of a series with a small repeat icon, in the grid and the phone list.</summary>
public sealed class SeriesAgendaMarkTests : BunitTestBase
{
    private static readonly LocalDate Day = new(2026, 12, 8);

    private static AgendaQueries.Item Booking(int hour, string who, Guid? seriesId) => new(
        Guid.NewGuid(), AgendaQueries.ItemKind.Booking, Guid.Empty, Day.At(new LocalTime(hour, 0)), Day.At(new LocalTime(hour, 30)),
        Instant.MinValue, who, "Corte", "+5491123456789", BookingStatus.Confirmed, Guid.NewGuid(), null, SeriesId: seriesId);

    [Fact]
    public void SeriesBooking_HasTheRepeatMark_AOneOffDoesNot()
    {
        var series = Booking(10, "Ana", Guid.NewGuid());
        var single = Booking(11, "Beto", null);

        var grid = Render<AgendaGrid>(p => p
            .Add(g => g.Columns, [new AgendaGrid.Column("d", "martes", Day, [series, single])])
            .Add(g => g.ListOnPhones, true));

        var mark = grid.Find($"[data-booking='{series.Id}'] .series-mark");
        Assert.Equal("Turno que se repite", mark.GetAttribute("title"));
        Assert.Empty(grid.FindAll($"[data-booking='{single.Id}'] .series-mark"));
        Assert.Single(grid.FindAll($"[data-entry='{series.Id}'] .series-mark"));
        Assert.Empty(grid.FindAll($"[data-entry='{single.Id}'] .series-mark"));
    }
}
