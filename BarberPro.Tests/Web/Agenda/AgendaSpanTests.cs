using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Scheduling;
using BarberPro.Web.Features.Agenda;

namespace BarberPro.Tests.Web.Agenda;

public sealed class AgendaSpanTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 13);

    private static LocalTimeRange Hours(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute));

    private static AgendaQueries.Item Item(LocalDateTime start, LocalDateTime end, AgendaQueries.ItemKind kind = AgendaQueries.ItemKind.Booking) =>
        new(Guid.NewGuid(), kind, Guid.Empty, start, end, Instant.MinValue, "Ana", "Corte", null,
            kind == AgendaQueries.ItemKind.Booking ? BookingStatus.Confirmed : null, null, null);

    [Theory]
    [InlineData(-5, 100, 0, 24)]
    [InlineData(22, 3, 22, 23)]
    [InlineData(24, 24, 23, 24)]
    [InlineData(0, 24, 0, 24)]
    public void AnyHours_AreClampedIntoOneDay(int start, int end, int expectedStart, int expectedEnd)
    {
        var span = new AgendaSpan(start, end);

        Assert.Equal((expectedStart, expectedEnd), (span.StartHour, span.EndHour));
        Assert.InRange(span.Rows, 4, AgendaSpan.MaxRows);
        Assert.Equal(span.Hours, span.HourMarks.Count());
    }

    [Fact]
    public void Default_IsEmpty_AndDrawsNothing()
    {
        AgendaSpan span = default;

        Assert.True(span.IsEmpty);
        Assert.Equal(0, span.Rows);
        Assert.Empty(span.HourMarks);
        Assert.Equal(0, span.Percent(600));
    }

    [Fact]
    public void SpecialDateUntil2359_WithABookingAt2315_ReachesMidnight()
    {
        var ownHours = ProviderHoursWithSunday(Hours(20, 0, 23, 59));
        var day = new AgendaQueries.AgendaDay(Sunday, ownHours.On(Sunday).ToList(), [Item(Sunday.At(new LocalTime(23, 15)), Sunday.At(new LocalTime(23, 45)))]);

        var span = AgendaSpan.Of([day]);

        Assert.Equal((20, 24), (span.StartHour, span.EndHour));
    }

    [Fact]
    public void BookingsOutsideTheHours_WidenTheSpan()
    {
        var day = new AgendaQueries.AgendaDay(Sunday, [Hours(10, 0, 14, 0), Hours(15, 0, 20, 0)],
            [Item(Sunday.At(new LocalTime(8, 30)), Sunday.At(new LocalTime(9, 0))), Item(Sunday.At(new LocalTime(21, 40)), Sunday.At(new LocalTime(22, 10)))]);

        var span = AgendaSpan.Of([day]);

        Assert.Equal((8, 23), (span.StartHour, span.EndHour));
    }

    [Fact]
    public void ClosedDay_SpansOnlyItsBookings_AndIsEmptyWithoutThem()
    {
        var booking = Item(Sunday.At(new LocalTime(11, 0)), Sunday.At(new LocalTime(11, 30)));

        Assert.Equal((11, 12), (AgendaSpan.Of([new AgendaQueries.AgendaDay(Sunday, [], [booking])]) is var s ? (s.StartHour, s.EndHour) : default));
        Assert.True(AgendaSpan.Of([new AgendaQueries.AgendaDay(Sunday, [], [])]).IsEmpty);
    }

    [Fact]
    public void TimeOffOverWholeDays_DoesNotStretchTheGridTo24Hours_ButPartOfADayDoes()
    {
        var vacation = Item(Sunday.PlusDays(-2).AtMidnight(), Sunday.PlusDays(3).AtMidnight(), AgendaQueries.ItemKind.TimeOff);
        var errand = Item(Sunday.At(new LocalTime(20, 0)), Sunday.At(new LocalTime(21, 0)), AgendaQueries.ItemKind.TimeOff);

        var withVacation = AgendaSpan.Of([new AgendaQueries.AgendaDay(Sunday, [Hours(10, 0, 18, 0)], [vacation])]);
        var withErrand = AgendaSpan.Of([new AgendaQueries.AgendaDay(Sunday, [Hours(10, 0, 18, 0)], [errand])]);

        Assert.Equal((10, 18), (withVacation.StartHour, withVacation.EndHour));
        Assert.Equal((10, 21), (withErrand.StartHour, withErrand.EndHour));
    }

    [Fact]
    public void AWeek_SpansTheUnionOfItsDays()
    {
        var span = AgendaSpan.Of([
            new AgendaQueries.AgendaDay(Sunday, [Hours(20, 0, 23, 59)], []),
            new AgendaQueries.AgendaDay(Sunday.PlusDays(1), [Hours(9, 30, 13, 0)], []),
            new AgendaQueries.AgendaDay(Sunday.PlusDays(2), [], []),
        ]);

        Assert.Equal((9, 24), (span.StartHour, span.EndHour));
    }

    [Fact]
    public void ProviderAgendaDay_UsesTheSpecialDate_AndTakesWhatCrossesMidnight()
    {
        var lateNight = Item(Sunday.PlusDays(-1).At(new LocalTime(23, 30)), Sunday.At(new LocalTime(0, 30)));
        var other = Item(Sunday.PlusDays(1).At(new LocalTime(10, 0)), Sunday.PlusDays(1).At(new LocalTime(10, 30)));
        var agenda = new AgendaQueries.ProviderAgenda(Guid.Empty, "Nacho", Guid.Empty, DateTimeZone.Utc, Duration.FromHours(24),
            ProviderHoursWithSunday(Hours(20, 0, 23, 59)), [lateNight, other]);

        var day = agenda.Day(Sunday);

        Assert.Equal([Hours(20, 0, 23, 59)], day.Hours);
        Assert.Equal([lateNight], day.Items);
        Assert.False(day.Closed);
        Assert.True(agenda.Day(Sunday.PlusDays(1)).Closed);
        Assert.Equal((0, 24), (AgendaSpan.Of([day]) is var s ? (s.StartHour, s.EndHour) : default));
    }

    [Theory]
    [InlineData("2026-12-13", 2026, 12, 13)]
    [InlineData(" 2026-12-13 ", 2026, 12, 13)]
    [InlineData("13/12/2026", 2026, 12, 7)]
    [InlineData("x", 2026, 12, 7)]
    [InlineData("", 2026, 12, 7)]
    [InlineData(null, 2026, 12, 7)]
    [InlineData("9999-12-31", 2026, 12, 7)]
    [InlineData("0001-01-01", 2026, 12, 7)]
    public void DayInTheAddress_IsHonoured_OrTodayWhenUnusable(string? query, int year, int month, int dayOfMonth)
    {
        Assert.Equal(new LocalDate(year, month, dayOfMonth), AgendaUrl.DayOr(query, new LocalDate(2026, 12, 7)));
    }

    /// <summary>Weekly hours Tuesday to Saturday 10–20 (the demo's), Sunday opened by a special date.</summary>
    private static ProviderHours ProviderHoursWithSunday(LocalTimeRange sunday) => new(
        new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday }
            .Select(d => (d, Hours(10, 0, 20, 0))),
        new Dictionary<LocalDate, IReadOnlyList<LocalTimeRange>> { [Sunday] = [sunday] });
}
