using BarberPro.Domain.Availability;

namespace BarberPro.Tests.Domain.Availability;

public sealed partial class AvailabilityEngineTests
{
    [Fact]
    public void GetSlots_BusySpan_RemovesEveryStartWhoseServiceOverlapsIt()
    {
        var input = Input(Bare30, busy: [Busy(Tuesday, 10, 0, 11, 0)]);

        var morning = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now)).Where(t => t < T(13)).ToArray();

        Assert.Equal([T(9, 0), T(9, 15), T(9, 30), T(11, 0), T(11, 15), T(11, 30), T(11, 45), T(12, 0), T(12, 15), T(12, 30)], morning);
    }

    [Fact]
    public void GetSlots_BufferAfterOverlappingNextBusySpan_StartIsNotOffered()
    {
        // The haircut at 10:00 ends at 10:30, but its cleanup runs to 10:35.
        var input = Input(Haircut, busy: [Busy(Tuesday, 10, 30, 11, 0)]);

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now));

        Assert.Contains(T(9, 45), slots);
        Assert.DoesNotContain(T(10, 0), slots);
        Assert.DoesNotContain(T(10, 15), slots);
        Assert.DoesNotContain(T(10, 45), slots);
        Assert.Contains(T(11, 0), slots);
    }

    [Fact]
    public void GetSlots_BufferAfterTouchingNextBusySpan_StartIsOffered()
    {
        var input = Input(Haircut, busy: [Busy(Tuesday, 10, 35, 11, 0)]);

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now));

        Assert.Contains(T(10, 0), slots);
        Assert.DoesNotContain(T(10, 15), slots);
        Assert.Contains(T(11, 0), slots);
    }

    [Fact]
    public void GetSlots_BufferBeforeOverlappingPreviousBusySpan_StartIsNotOffered()
    {
        // Color at 16:30 needs 16:20–17:30: its 10-minute preparation overlaps a booking that ends at 16:30.
        var input = Input(Color, busy: [Busy(Tuesday, 16, 0, 16, 30)]);

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now));

        Assert.Contains(T(15, 0), slots);      // 14:50–16:00 touches the busy span
        Assert.DoesNotContain(T(15, 15), slots);
        Assert.DoesNotContain(T(16, 15), slots);
        Assert.DoesNotContain(T(16, 30), slots);
        Assert.Contains(T(16, 45), slots);     // 16:35–17:45
    }

    [Fact]
    public void GetSlots_BufferBeforeTouchingPreviousBusySpan_StartIsOffered()
    {
        var input = Input(Color, busy: [Busy(Tuesday, 16, 0, 16, 20)]);

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now));

        Assert.Contains(T(16, 30), slots);     // 16:20–17:30
        Assert.DoesNotContain(T(16, 15), slots);
    }

    [Fact]
    public void GetSlots_BufferBeforeMayPrecedeIntervalStart()
    {
        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(Input(Color), Tuesday, Now));

        Assert.Equal(T(9, 0), slots[0]);
        Assert.Contains(T(14, 0), slots);      // preparation 13:50–14:00 falls in the lunch break
    }

    [Fact]
    public void GetSlots_NestedAndUnsortedBusySpans_AreAllRespected()
    {
        var input = Input(Haircut, busy:
        [
            Busy(Tuesday, 10, 30, 10, 45),
            Busy(Tuesday, 10, 0, 12, 0),
            Busy(Tuesday, 9, 0, 9, 15),
        ]);

        var morning = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now)).Where(t => t < T(13)).ToArray();

        Assert.Equal([T(9, 15), T(12, 0), T(12, 15), T(12, 30)], morning);
    }

    [Fact]
    public void GetSlots_BusySpansInAnyOrder_GiveTheSameSlots()
    {
        var sorted = Enumerable.Range(0, 20)
            .Select(i => new Interval(At(Tuesday, 9) + Duration.FromMinutes(50 * i), At(Tuesday, 9) + Duration.FromMinutes(50 * i + 10)))
            .ToList();
        var expected = AvailabilityEngine.GetSlots(Input(busy: sorted), Tuesday, Now);
        var reversed = Enumerable.Reverse(sorted).ToList();
        var seeded = new Random(20261208);
        var seededShuffle = sorted.OrderBy(_ => seeded.Next()).ToList();

        Assert.NotEmpty(expected);
        Assert.True(expected.Count < AvailabilityEngine.GetSlots(Input(), Tuesday, Now).Count);
        Assert.Equal(expected, AvailabilityEngine.GetSlots(Input(busy: reversed), Tuesday, Now));
        Assert.Equal(expected, AvailabilityEngine.GetSlots(Input(busy: seededShuffle), Tuesday, Now));
    }

    [Fact]
    public void GetSlots_BusySpanFromPreviousDayRunningIntoMorning_BlocksTheMorningStarts()
    {
        var input = Input(Bare30, busy: [new Interval(At(Monday, 8), At(Tuesday, 9, 30))]);

        var slots = LocalTimesOn(Tuesday, AvailabilityEngine.GetSlots(input, Tuesday, Now));

        Assert.Equal(T(9, 30), slots[0]);
    }

    [Fact]
    public void GetSlots_BusySpanOnAnotherDay_DoesNotAffectThisDay()
    {
        var input = Input(busy: [Busy(Wednesday, 9, 0, 20, 0)]);

        Assert.Equal(AvailabilityEngine.GetSlots(Input(), Tuesday, Now), AvailabilityEngine.GetSlots(input, Tuesday, Now));
        Assert.Empty(AvailabilityEngine.GetSlots(input, Wednesday, Now));
    }
}
