using BarberPro.Domain.Availability;
using BarberPro.Domain.Scheduling;

namespace BarberPro.Tests.Domain.Availability;

public sealed partial class AvailabilityEngineTests
{
    /// <summary>
    /// A busy month: Wednesday 16 December booked solid, Thursday 24 closed, Sunday 20 opened by override, away from
    /// 29 December to 2 January, a few scattered bookings.
    /// </summary>
    private static AvailabilityInput BusyMonthInput()
    {
        var hours = Hours(overrides: new()
        {
            [new LocalDate(2026, 12, 24)] = [],
            [new LocalDate(2026, 12, 20)] = [R(10, 0, 11, 0)],
        });
        var wednesday16 = new LocalDate(2026, 12, 16);
        return Input(Haircut, hours: hours,
            busy:
            [
                Busy(wednesday16, 9, 0, 13, 0),
                Busy(wednesday16, 14, 0, 20, 0),
                Busy(Tuesday, 9, 0, 9, 30),
                Busy(new LocalDate(2026, 12, 22), 15, 0, 17, 0),
            ],
            timeOff: [new LocalDateTimeRange(new LocalDate(2026, 12, 29).AtMidnight(), new LocalDate(2027, 1, 3).AtMidnight())]);
    }

    public static TheoryData<int, int> Months => new()
    {
        { 2026, 11 }, { 2026, 12 }, { 2027, 1 }, { 2027, 2 }, { 2027, 3 },
    };

    [Theory]
    [MemberData(nameof(Months))]
    public void GetAvailableDays_AgreesWithGetSlotsAndHasAnySlot_ForEveryDayOfMonth(int year, int month)
    {
        var input = BusyMonthInput();
        var yearMonth = new YearMonth(year, month);

        var days = AvailabilityEngine.GetAvailableDays(input, yearMonth, Now);

        var first = yearMonth.OnDayOfMonth(1);
        for (var d = first; d.Month == month; d = d.PlusDays(1))
        {
            var hasSlots = AvailabilityEngine.GetSlots(input, d, Now).Count > 0;
            Assert.True(hasSlots == AvailabilityEngine.HasAnySlot(input, d, Now), $"HasAnySlot disagrees with GetSlots on {d}");
            Assert.True(hasSlots == days.Contains(d), $"GetAvailableDays disagrees with GetSlots on {d}");
        }
        Assert.Equal(days.OrderBy(d => d), days);
    }

    [Fact]
    public void GetAvailableDays_BusyDecember_ListsExactlyTheOpenDays()
    {
        var days = AvailabilityEngine.GetAvailableDays(BusyMonthInput(), new YearMonth(2026, 12), Now);

        int[] expected = [8, 9, 10, 11, 12, 15, 17, 18, 19, 20, 22, 23, 25, 26];
        Assert.Equal(expected.Select(d => new LocalDate(2026, 12, d)), days);
    }

    [Fact]
    public void GetAvailableDays_HorizonMonth_StopsAtLastBookableDate()
    {
        var days = AvailabilityEngine.GetAvailableDays(BusyMonthInput(), new YearMonth(2027, 2), Now);

        int[] expected = [2, 3, 4, 5];
        Assert.Equal(expected.Select(d => new LocalDate(2027, 2, d)), days);
    }

    [Fact]
    public void GetAvailableDays_PastMonth_IsEmpty()
    {
        Assert.Empty(AvailabilityEngine.GetAvailableDays(BusyMonthInput(), new YearMonth(2026, 11), Now));
    }

    [Fact]
    public void HasAnySlot_FullyBookedDay_IsFalse_AndDayWithOneFreeStart_IsTrue()
    {
        var oneLeft = Input(Bare30, busy: [Busy(Tuesday, 9, 0, 13, 0), Busy(Tuesday, 14, 0, 19, 30)]);

        Assert.False(AvailabilityEngine.HasAnySlot(BusyMonthInput(), new LocalDate(2026, 12, 16), Now));
        Assert.True(AvailabilityEngine.HasAnySlot(oneLeft, Tuesday, Now));
        Assert.Equal([T(19, 30)], LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(oneLeft, Tuesday, Now)));
    }
}
