using BarberPro.Domain.Availability;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Tests.Domain.Availability;

public sealed partial class AvailabilityEngineTests
{
    [Fact]
    public void Check_FreeGridStart_IsAvailable()
    {
        Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(Input(), At(Tuesday, 10), Now));
    }

    [Fact]
    public void Check_StartBeforeNow_IsInPast()
    {
        var now = At(Tuesday, 10, 1);

        Assert.Equal(SlotCheck.InPast, AvailabilityEngine.Check(Input(), At(Tuesday, 10), now));
        Assert.Equal(SlotCheck.InPast, AvailabilityEngine.Check(Input(), At(Tuesday.PlusWeeks(-1), 10), now));
    }

    [Fact]
    public void Check_StartWithinNotice_IsTooSoon()
    {
        var now = At(Tuesday, 9, 30);

        Assert.Equal(SlotCheck.TooSoon, AvailabilityEngine.Check(Input(), At(Tuesday, 9, 30), now));
        Assert.Equal(SlotCheck.TooSoon, AvailabilityEngine.Check(Input(), At(Tuesday, 10, 15), now));
        Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(Input(), At(Tuesday, 10, 30), now));
    }

    [Fact]
    public void Check_DateAfterHorizon_IsBeyondHorizon()
    {
        var last = Monday.PlusDays(BookingPolicy.Default.HorizonDays);

        Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(Input(), At(last, 19, 30), Now));
        Assert.Equal(SlotCheck.BeyondHorizon, AvailabilityEngine.Check(Input(), At(last.PlusDays(1), 9), Now));
    }

    [Fact]
    public void Check_StartOutsideWorkingHours_IsOutsideHours()
    {
        var closedTuesday = Input(hours: Hours(overrides: new() { [Tuesday] = [] }));

        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(Input(), At(Tuesday, 13), Now));      // lunch break
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(Input(), At(Tuesday, 12, 45), Now));  // would end 13:15
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(Input(), At(Tuesday, 8, 45), Now));
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(Input(), At(Tuesday, 20), Now));
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(Input(), At(Monday.PlusWeeks(1), 10), Now)); // day off
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(closedTuesday, At(Tuesday, 10), Now));
    }

    [Fact]
    public void Check_OffGridStartInsideWorkingHours_IsOutsideHours()
    {
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(Input(), At(Tuesday, 10, 7), Now));
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(Input(), At(Tuesday, 10) + Duration.FromSeconds(1), Now));
    }

    [Fact]
    public void Check_GridStartOverlappingBusySpanOrTimeOff_IsTaken()
    {
        var busy = Input(Haircut, busy: [Busy(Tuesday, 10, 30, 11, 0)]);
        var preparation = Input(Color, busy: [Busy(Tuesday, 16, 0, 16, 30)]);
        var away = Input(timeOff: [new LocalDateTimeRange(Tuesday.At(T(15)), Tuesday.At(T(16)))]);

        Assert.Equal(SlotCheck.Taken, AvailabilityEngine.Check(busy, At(Tuesday, 10, 30), Now));
        Assert.Equal(SlotCheck.Taken, AvailabilityEngine.Check(busy, At(Tuesday, 10), Now));          // cleanup overlaps
        Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(busy, At(Tuesday, 11), Now));
        Assert.Equal(SlotCheck.Taken, AvailabilityEngine.Check(preparation, At(Tuesday, 16, 30), Now)); // preparation overlaps
        Assert.Equal(SlotCheck.Taken, AvailabilityEngine.Check(away, At(Tuesday, 15, 15), Now));
    }

    [Fact]
    public void Check_InPastAndOffGrid_ReportsInPastFirst()
    {
        var now = At(Tuesday, 12);

        Assert.Equal(SlotCheck.InPast, AvailabilityEngine.Check(Input(), At(Tuesday, 10, 7), now));
    }

    [Fact]
    public void Check_TooSoonAndOutsideHours_ReportsTooSoonFirst()
    {
        var now = At(Tuesday, 12, 30);

        Assert.Equal(SlotCheck.TooSoon, AvailabilityEngine.Check(Input(), At(Tuesday, 13, 0), now));
    }

    [Fact]
    public void Check_BeyondHorizonAndOutsideHours_ReportsBeyondHorizonFirst()
    {
        var sundayAfterHorizon = Monday.PlusDays(BookingPolicy.Default.HorizonDays + 2);
        Assert.Equal(IsoDayOfWeek.Sunday, sundayAfterHorizon.DayOfWeek);

        Assert.Equal(SlotCheck.BeyondHorizon, AvailabilityEngine.Check(Input(), At(sundayAfterHorizon, 10, 7), Now));
    }

    [Fact]
    public void Check_OffGridInsideBusySpan_ReportsOutsideHoursBeforeTaken()
    {
        var input = Input(busy: [Busy(Tuesday, 10, 0, 11, 0)]);

        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(input, At(Tuesday, 10, 7), Now));
        Assert.Equal(SlotCheck.Taken, AvailabilityEngine.Check(input, At(Tuesday, 10, 15), Now));
    }

    [Fact]
    public void Check_AgreesWithGetSlots_ForEveryGridStartOfTheDay()
    {
        var input = Input(Haircut, busy: [Busy(Tuesday, 10, 0, 10, 40), Busy(Tuesday, 16, 5, 17, 0)],
            timeOff: [new LocalDateTimeRange(Tuesday.At(T(18)), Tuesday.At(T(19)))]);
        var now = At(Tuesday, 9, 20);
        var slots = AvailabilityEngine.GetSlots(input, Tuesday, now);
        var grid = AvailabilityEngine.GetSlots(Input(Haircut), Tuesday, Now);

        foreach (var start in grid)
        {
            var expected = start < now ? SlotCheck.InPast
                : start < now + Duration.FromHours(1) ? SlotCheck.TooSoon
                : slots.Contains(start) ? SlotCheck.Available
                : SlotCheck.Taken;
            Assert.Equal(expected, AvailabilityEngine.Check(input, start, now));
        }
    }

    [Fact]
    public void Check_ZeroNoticeStartExactlyNow_IsAvailable()
    {
        var input = Input(policy: BookingPolicy.Default with { MinimumNotice = Duration.Zero });

        Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(input, At(Tuesday, 10), At(Tuesday, 10)));
    }

    [Fact]
    public void SlotCheck_EveryRefusal_HasSpanishMessageAndCode()
    {
        Assert.Null(SlotCheck.Available.ToError());
        foreach (var check in Enum.GetValues<SlotCheck>().Where(c => c != SlotCheck.Available))
        {
            var error = check.ToError();
            Assert.NotNull(error);
            Assert.StartsWith("slot.", error.Code);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.Matches("horario|reservar|fecha", error.Message);
        }
    }
}
