using BarberPro.Domain.Availability;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Tests.Domain.Availability;

public sealed partial class AvailabilityEngineTests
{
    [Fact]
    public void GetSlots_TimeOff_RemovesStartsWhoseBlockedSpanOverlapsIt()
    {
        var timeOff = new LocalDateTimeRange(Tuesday.At(T(10)), Tuesday.At(T(11)));

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(Input(Haircut, timeOff: [timeOff]), Tuesday, Now));

        Assert.Contains(T(9, 15), slots);      // 09:15–09:50
        Assert.DoesNotContain(T(9, 30), slots); // cleanup to 10:05
        Assert.DoesNotContain(T(10, 0), slots);
        Assert.DoesNotContain(T(10, 45), slots);
        Assert.Contains(T(11, 0), slots);
    }

    [Fact]
    public void GetSlots_TimeOffCrossingMidnight_RemovesEveningAndNextMorning()
    {
        var timeOff = new LocalDateTimeRange(Tuesday.At(T(19)), Wednesday.At(T(10)));
        var input = Input(Haircut, timeOff: [timeOff]);

        var tuesday = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now));
        var wednesday = LocalTimesOn(Wednesday, AvailabilityEngine.GetSlots(input, Wednesday, Now));

        Assert.Equal(T(18, 15), tuesday[^1]);  // 18:15–18:50; 18:30 would clean up until 19:05
        Assert.Equal(T(10, 0), wednesday[0]);
        Assert.Equal(T(19, 30), wednesday[^1]);
    }

    [Fact]
    public void GetSlots_TimeOffCoveringSeveralDays_LeavesThoseDaysEmpty()
    {
        var vacation = new LocalDateTimeRange(Tuesday.At(T(0)), Saturday.At(T(0)));
        var input = Input(timeOff: [vacation]);

        for (var d = Tuesday; d < Saturday; d = d.PlusDays(1))
            Assert.Empty(AvailabilityEngine.GetSlots(input, d, Now));
        Assert.NotEmpty(AvailabilityEngine.GetSlots(input, Saturday, Now));
    }

    [Fact]
    public void GetSlots_ClosedDateOverride_GivesNoSlots()
    {
        var hours = Hours(overrides: new() { [Tuesday] = [] });

        Assert.Empty(AvailabilityEngine.GetSlots(Input(hours: hours), Tuesday, Now));
        Assert.NotEmpty(AvailabilityEngine.GetSlots(Input(hours: hours), Wednesday, Now));
    }

    [Fact]
    public void GetSlots_OpenOverrideOnSunday_GivesSlots()
    {
        var hours = Hours(overrides: new() { [Sunday] = [R(10, 0, 12, 0)] });

        var slots = AvailabilityEngine.GetSlots(Input(Bare30, hours: hours), Sunday, Now);

        Assert.Equal([T(10, 0), T(10, 15), T(10, 30), T(10, 45), T(11, 0), T(11, 15), T(11, 30)], LocalTimesOn(Sunday, slots));
        Assert.Empty(AvailabilityEngine.GetSlots(Input(Bare30, hours: hours), Sunday.PlusWeeks(1), Now));
    }

    [Fact]
    public void GetSlots_OpenOverride_ReplacesWeeklyHoursOfThatDate()
    {
        var hours = Hours(overrides: new() { [Wednesday] = [R(15, 0, 17, 0)] });

        var slots = AvailabilityEngine.GetSlots(Input(Bare30, hours: hours), Wednesday, Now);

        Assert.Equal([T(15, 0), T(15, 15), T(15, 30), T(15, 45), T(16, 0), T(16, 15), T(16, 30)], LocalTimesOn(Wednesday, slots));
        Assert.Equal(38, AvailabilityEngine.GetSlots(Input(Bare30, hours: hours), Tuesday, Now).Count);
    }

    [Fact]
    public void GetSlots_OverrideWithUnsortedIntervals_GivesSlotsInOrder()
    {
        var hours = Hours(overrides: new() { [Wednesday] = [R(16, 0, 17, 0), R(9, 0, 10, 0)] });

        var slots = AvailabilityEngine.GetSlots(Input(Bare30, hours: hours), Wednesday, Now);

        Assert.Equal([T(9, 0), T(9, 15), T(9, 30), T(16, 0), T(16, 15), T(16, 30)], LocalTimesOn(Wednesday, slots));
    }

    [Fact]
    public void GetSlots_MinimumNotice_ExcludesStartsSoonerThanNowPlusNotice()
    {
        var now = At(Tuesday, 10, 5);   // 1 h notice: nothing before 11:05

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(Input(), Tuesday, now));

        Assert.Equal(T(11, 15), slots[0]);
    }

    [Fact]
    public void GetSlots_StartExactlyAtNowPlusNotice_IsOffered()
    {
        var now = At(Tuesday, 10, 0);

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(Input(), Tuesday, now));

        Assert.Equal(T(11, 0), slots[0]);
    }

    [Fact]
    public void GetSlots_ZeroNotice_StillExcludesPastStarts()
    {
        var policy = BookingPolicy.Default with { MinimumNotice = Duration.Zero };
        var now = At(Tuesday, 10, 5);

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(Input(policy: policy), Tuesday, now));

        Assert.Equal(T(10, 15), slots[0]);
        Assert.Equal(38 - 5, slots.Length);
    }

    [Fact]
    public void GetSlots_LongNotice_PushesFirstSlotToNextDay()
    {
        var policy = BookingPolicy.Default with { MinimumNotice = Duration.FromHours(30) };

        // Now Monday 09:00 + 30 h = Tuesday 15:00.
        var tuesday = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(Input(policy: policy), Tuesday, Now));

        Assert.Equal(T(15, 0), tuesday[0]);
    }

    [Fact]
    public void GetSlots_PastDate_HasNoSlots()
    {
        var now = At(Wednesday, 8);

        Assert.Empty(AvailabilityEngine.GetSlots(Input(), Tuesday, now));
        Assert.Empty(AvailabilityEngine.GetSlots(Input(), Tuesday.PlusWeeks(-1), now));
    }

    [Fact]
    public void GetSlots_TodayAfterClosing_HasNoSlots()
    {
        Assert.Empty(AvailabilityEngine.GetSlots(Input(), Tuesday, At(Tuesday, 19, 45)));
    }

    [Fact]
    public void GetSlots_LastDayOfHorizon_HasSlots_AndTheDayAfterHasNone()
    {
        var last = Monday.PlusDays(BookingPolicy.Default.HorizonDays);
        Assert.Equal(IsoDayOfWeek.Friday, last.DayOfWeek);        // both days are working days
        Assert.Equal(IsoDayOfWeek.Saturday, last.PlusDays(1).DayOfWeek);

        Assert.Equal(38, AvailabilityEngine.GetSlots(Input(), last, Now).Count);
        Assert.Empty(AvailabilityEngine.GetSlots(Input(), last.PlusDays(1), Now));
    }

    [Fact]
    public void GetSlots_ShortHorizon_CountsDaysInShopZone()
    {
        var policy = BookingPolicy.Default with { HorizonDays = 1 };
        // 23:30 Monday in Buenos Aires is already Tuesday in UTC; "today" is still Monday in the shop.
        var lateMonday = At(Monday, 23, 30);

        Assert.NotEmpty(AvailabilityEngine.GetSlots(Input(policy: policy), Tuesday, lateMonday));
        Assert.Empty(AvailabilityEngine.GetSlots(Input(policy: policy), Wednesday, lateMonday));
    }
}
