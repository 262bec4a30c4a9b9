using BarberPro.Domain.Availability;

namespace BarberPro.Tests.Domain.Availability;

public sealed partial class AvailabilityEngineTests
{
    [Fact]
    public void Nearest_TakenStart_ReturnsTheClosestFreeStartsInChronologicalOrder()
    {
        var input = Input(Haircut, busy: [Busy(Tuesday, 10, 0, 12, 0)]);

        var nearest = AvailabilityEngine.Nearest(input, At(Tuesday, 11), Now, count: 5);

        // Free: 09:00, 09:15 (09:30 would clean up until 10:05), 12:00, 12:15, 12:30, 14:00…
        // By distance from 11:00: 12:00 (60'), 12:15 (75'), 12:30 (90'), 09:15 (105'), 09:00 (120').
        Assert.Equal([T(9, 0), T(9, 15), T(12, 0), T(12, 15), T(12, 30)], LocalTimesOn(Tuesday, nearest));
    }

    [Fact]
    public void Nearest_ReturnsOnlyFreeStarts()
    {
        var input = Input(Haircut, busy: [Busy(Tuesday, 10, 0, 12, 0), Busy(Tuesday, 14, 0, 15, 0)]);

        var nearest = AvailabilityEngine.Nearest(input, At(Tuesday, 13), Now, count: 12);

        Assert.Equal(12, nearest.Count);
        Assert.All(nearest, s => Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(input, s, Now)));
        Assert.Equal(nearest.OrderBy(s => s), nearest);
        Assert.Equal(nearest.Count, nearest.Distinct().Count());
    }

    [Fact]
    public void Nearest_FullDay_LooksIntoFollowingDays()
    {
        var input = Input(Haircut, busy: [Busy(Tuesday, 9, 0, 20, 0)]);

        var nearest = AvailabilityEngine.Nearest(input, At(Tuesday, 10), Now, count: 3);

        Assert.Equal([T(9, 0), T(9, 15), T(9, 30)], LocalTimesOn(Wednesday, nearest));
    }

    [Fact]
    public void Nearest_FewFreeStartsLeftOnTheDay_CompletesWithTheNextDay()
    {
        var input = Input(Bare30, busy: [Busy(Tuesday, 9, 0, 13, 0), Busy(Tuesday, 14, 0, 19, 15)]);

        var nearest = AvailabilityEngine.Nearest(input, At(Tuesday, 10), Now, count: 4);

        Assert.Equal(
            [At(Tuesday, 19, 15), At(Tuesday, 19, 30), At(Wednesday, 9), At(Wednesday, 9, 15)],
            nearest);
    }

    [Fact]
    public void Nearest_SaturdayFull_SkipsSundayAndMondayToTuesday()
    {
        var input = Input(Haircut, busy: [Busy(Saturday, 9, 0, 20, 0)]);

        var nearest = AvailabilityEngine.Nearest(input, At(Saturday, 12), Now, count: 2);

        Assert.Equal([At(Saturday.PlusDays(3), 9), At(Saturday.PlusDays(3), 9, 15)], nearest);
    }

    [Fact]
    public void Nearest_NothingFreeWithinSearchDays_ReturnsEmpty()
    {
        var input = Input(Haircut, busy: [new Interval(At(Tuesday, 0), At(Tuesday.PlusDays(30), 0))]);

        Assert.Empty(AvailabilityEngine.Nearest(input, At(Tuesday, 10), Now, count: 5, searchDays: 14));
    }

    [Fact]
    public void Nearest_RespectsNotice()
    {
        var now = At(Tuesday, 9, 50);

        var nearest = AvailabilityEngine.Nearest(Input(), At(Tuesday, 10), now, count: 3);

        // 10:00 and 10:15 are fine by the grid but closer than an hour from now.
        Assert.Equal([T(11, 0), T(11, 15), T(11, 30)], LocalTimesOn(Tuesday, nearest));
    }
}
