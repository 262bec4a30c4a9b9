using BarberPro.Domain.Availability;

namespace BarberPro.Tests.Domain.Availability;

public sealed partial class AvailabilityEngineTests
{
    /// <summary>
    /// 10,000 short busy spans in shuffled order: 50 starting on each of 200 days, 5 minutes each, 47 or 97 minutes
    /// apart from around midnight (so they run into the following days and overlap each other).
    /// Correctness only: compared against a brute-force check of every span.
    /// </summary>
    private static List<Interval> TenThousandBusySpans()
    {
        var spans = new List<Interval>(10_000);
        for (var day = 0; day < 200; day++)
        {
            var date = Tuesday.PlusDays(day);
            for (var k = 0; k < 50; k++)
            {
                var start = At(date, 0) + Duration.FromMinutes(day * 11 % 47 + k * (day % 2 == 0 ? 47 : 97));
                spans.Add(new Interval(start, start + Duration.FromMinutes(5)));
            }
        }
        var random = new Random(10_000);
        return spans.OrderBy(_ => random.Next()).ToList();
    }

    /// <summary>The free-day grid of <paramref name="date"/>, minus every start whose blocked span overlaps any busy span.</summary>
    private static List<Instant> BruteForceSlots(LocalDate date, SlotShape shape, IReadOnlyList<Interval> busy)
    {
        var grid = AvailabilityEngine.GetSlots(Input(shape), date, Now);
        return grid.Where(start =>
        {
            var blocked = shape.BlockedAt(start);
            return busy.All(b => b.End <= blocked.Start || b.Start >= blocked.End);
        }).ToList();
    }

    [Fact]
    public void GetSlots_TenThousandBusySpans_MatchesBruteForce()
    {
        var busy = TenThousandBusySpans();
        Assert.Equal(10_000, busy.Count);
        var input = Input(Bare30, busy: busy);

        var checkedDays = 0;
        for (var date = Tuesday; date <= Tuesday.PlusDays(20); date = date.PlusDays(1))
        {
            var expected = BruteForceSlots(date, Bare30, busy);
            Assert.Equal(expected, AvailabilityEngine.GetSlots(input, date, Now));
            if (expected.Count > 0)
                checkedDays++;
        }
        Assert.True(checkedDays > 0, "the spans should leave some starts free, or the comparison proves little");
    }

    [Fact]
    public void GetSlots_TenThousandBusySpans_WithBuffers_MatchesBruteForce()
    {
        var busy = TenThousandBusySpans();
        var haircut = Input(Haircut, busy: busy);
        var color = Input(Color, busy: busy);

        foreach (var date in new[] { Tuesday, Wednesday, Saturday, Tuesday.PlusWeeks(4) })
        {
            Assert.Equal(BruteForceSlots(date, Haircut, busy), AvailabilityEngine.GetSlots(haircut, date, Now));
            Assert.Equal(BruteForceSlots(date, Color, busy), AvailabilityEngine.GetSlots(color, date, Now));
        }
    }

    [Fact]
    public void GetAvailableDaysAndCheck_TenThousandBusySpans_AgreeWithGetSlots()
    {
        var busy = TenThousandBusySpans();
        var input = Input(Bare30, busy: busy);
        var month = new YearMonth(2026, 12);

        var days = AvailabilityEngine.GetAvailableDays(input, month, Now);

        for (var d = month.OnDayOfMonth(1); d.Month == 12; d = d.PlusDays(1))
        {
            var slots = AvailabilityEngine.GetSlots(input, d, Now);
            Assert.Equal(slots.Count > 0, days.Contains(d));
            Assert.Equal(slots.Count > 0, AvailabilityEngine.HasAnySlot(input, d, Now));
            foreach (var start in AvailabilityEngine.GetSlots(Input(Bare30), d, Now))
                Assert.Equal(slots.Contains(start) ? SlotCheck.Available : SlotCheck.Taken, AvailabilityEngine.Check(input, start, Now));
        }
    }

    [Fact]
    public void GetSlots_TenThousandSpansOnOtherDays_LeaveAFreeDayUntouched()
    {
        var busy = TenThousandBusySpans().Where(b => b.Start.InZone(BuenosAires).Date != Wednesday).ToList();

        Assert.Equal(38, AvailabilityEngine.GetSlots(Input(busy: busy), Wednesday, Now).Count);
    }
}
