using BarberPro.Domain.Availability;

namespace BarberPro.Tests.Domain.Availability;

/// <summary>Issue 7: hours that reach midnight. The engine steps in instants, so nothing wraps from 23:00 to 00:00.</summary>
public sealed partial class AvailabilityEngineTests
{
    [Fact]
    public void GetSlots_SpecialDateUntil2359_OffersStartsUpTo2315_AndNothingPastMidnight()
    {
        var input = Input(Bare30, hours: Hours(overrides: new() { [Sunday] = [R(20, 0, 23, 59)] }));

        var slots = AvailabilityEngine.GetSlots(input, Sunday, Now);

        // 23:15–23:45 is the last 30-minute service that ends by 23:59; 23:30 would end at midnight.
        Assert.Equal(14, slots.Count);
        Assert.Equal(T(20, 0), LocalTimesOn(Sunday, slots).First());
        Assert.Equal(T(23, 15), LocalTimesOn(Sunday, slots).Last());
        Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(input, At(Sunday, 23, 15), Now));
        Assert.Equal(SlotCheck.OutsideHours, AvailabilityEngine.Check(input, At(Sunday, 23, 30), Now));
    }

    [Fact]
    public void GetSlots_WholeDay0000To2359_IsBoundedByTheDay()
    {
        var input = Input(Bare30, hours: Hours(overrides: new() { [Sunday] = [R(0, 0, 23, 59)] }));

        var slots = AvailabilityEngine.GetSlots(input, Sunday, Now);

        Assert.Equal(94, slots.Count); // 00:00 … 23:15, every 15 minutes
        Assert.Equal(T(23, 15), LocalTimesOn(Sunday, slots).Last());
        Assert.Contains(Sunday, AvailabilityEngine.GetAvailableDays(input, new YearMonth(2026, 12), Now));
    }
}
