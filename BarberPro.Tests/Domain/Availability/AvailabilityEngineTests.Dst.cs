using BarberPro.Domain.Availability;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Tests.Domain.Availability;

/// <summary>
/// Daylight saving in America/Santiago (Buenos Aires has none). Each test first checks the zone really has the
/// transition it relies on, so a tzdb change fails loudly here instead of making the test pass for nothing.
/// </summary>
public sealed partial class AvailabilityEngineTests
{
    private static readonly DateTimeZone Santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];

    /// <summary>Sunday: local 00:00–01:00 does not exist (UTC-4 → UTC-3 at 04:00 UTC).</summary>
    private static readonly LocalDate SpringForward = new(2026, 9, 6);
    private static readonly Instant SpringForwardAt = Instant.FromUtc(2026, 9, 6, 4, 0);

    /// <summary>Saturday: local 23:00–24:00 happens twice (UTC-3 → UTC-4 at 03:00 UTC on Sunday).</summary>
    private static readonly LocalDate FallBack = new(2026, 4, 4);
    private static readonly Instant FallBackAt = Instant.FromUtc(2026, 4, 5, 3, 0);

    /// <summary>Well before both transitions, with a horizon that reaches them.</summary>
    private static readonly Instant SantiagoNow = Instant.FromUtc(2026, 3, 1, 12, 0);

    private static void AssertSpringForwardGapExists()
    {
        var before = Santiago.GetZoneInterval(SpringForwardAt - Duration.Epsilon);
        var after = Santiago.GetZoneInterval(SpringForwardAt);
        Assert.Equal(SpringForwardAt, after.Start);
        Assert.Equal(Offset.FromHours(-4), before.WallOffset);
        Assert.Equal(Offset.FromHours(-3), after.WallOffset);
        Assert.Equal(0, Santiago.MapLocal(SpringForward.At(new LocalTime(0, 0))).Count);
        Assert.Equal(0, Santiago.MapLocal(SpringForward.At(new LocalTime(0, 59))).Count);
        Assert.Equal(1, Santiago.MapLocal(SpringForward.At(new LocalTime(1, 0))).Count);
    }

    private static void AssertFallBackOverlapExists()
    {
        var before = Santiago.GetZoneInterval(FallBackAt - Duration.Epsilon);
        var after = Santiago.GetZoneInterval(FallBackAt);
        Assert.Equal(FallBackAt, after.Start);
        Assert.Equal(Offset.FromHours(-3), before.WallOffset);
        Assert.Equal(Offset.FromHours(-4), after.WallOffset);
        Assert.Equal(1, Santiago.MapLocal(FallBack.At(new LocalTime(22, 59))).Count);
        Assert.Equal(2, Santiago.MapLocal(FallBack.At(new LocalTime(23, 0))).Count);
        Assert.Equal(2, Santiago.MapLocal(FallBack.At(new LocalTime(23, 59))).Count);
        Assert.Equal(1, Santiago.MapLocal(FallBack.PlusDays(1).AtMidnight()).Count);
    }

    /// <summary>Every day 09:00–18:00 in Santiago, plus <paramref name="overrides"/>; one-year horizon.</summary>
    private static AvailabilityInput SantiagoInput(Dictionary<LocalDate, IReadOnlyList<LocalTimeRange>>? overrides = null,
        SlotShape? shape = null) => Input(
        shape ?? Bare30,
        policy: BookingPolicy.Default with { HorizonDays = 366 },
        hours: new ProviderHours(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => (d, R(9, 0, 18, 0))), overrides),
        zone: Santiago);

    private static IEnumerable<Instant> Every15Minutes(Instant first, int count) =>
        Enumerable.Range(0, count).Select(i => first + Duration.FromMinutes(15 * i));

    [Fact]
    public void GetSlots_IntervalStartingAtGapStart_BeginsWhenGapEnds()
    {
        AssertSpringForwardGapExists();
        var input = SantiagoInput(new() { [SpringForward] = [R(0, 0, 3, 0)] });

        var slots = AvailabilityEngine.GetSlots(input, SpringForward, SantiagoNow);

        // 01:00 (UTC-3) to 03:00: a 30-minute service every 15 minutes fits 7 times.
        Assert.Equal(Every15Minutes(SpringForwardAt, 7), slots);
        Assert.Equal(new LocalTime(1, 0), slots[0].InZone(Santiago).TimeOfDay);
    }

    [Fact]
    public void GetSlots_IntervalStartingInsideGap_BeginsWhenGapEnds()
    {
        AssertSpringForwardGapExists();
        var input = SantiagoInput(new() { [SpringForward] = [R(0, 30, 3, 0)] });

        var slots = AvailabilityEngine.GetSlots(input, SpringForward, SantiagoNow);

        Assert.Equal(SpringForwardAt, slots[0]);
        Assert.Equal(Every15Minutes(SpringForwardAt, 7), slots);
    }

    [Fact]
    public void GetSlots_GapDay_NoSlotInGap_NoneTwice_StepsInElapsedTime()
    {
        AssertSpringForwardGapExists();
        var input = SantiagoInput(new() { [SpringForward] = [R(0, 0, 3, 0), R(9, 0, 18, 0)] });

        var slots = AvailabilityEngine.GetSlots(input, SpringForward, SantiagoNow);

        Assert.Equal(7 + 35, slots.Count);
        Assert.Equal(slots.Count, slots.Distinct().Count());
        foreach (var slot in slots)
        {
            var local = slot.InZone(Santiago).LocalDateTime;
            Assert.Equal(SpringForward, local.Date);
            Assert.True(local.TimeOfDay >= new LocalTime(1, 0), $"{local} is in the gap");
            Assert.Equal(1, Santiago.MapLocal(local).Count);
        }
        var night = slots.Where(s => s < SpringForwardAt + Duration.FromHours(3)).ToList();
        Assert.All(night.Zip(night.Skip(1)), pair => Assert.Equal(Duration.FromMinutes(15), pair.Second - pair.First));
    }

    [Fact]
    public void GetSlots_AroundFallBack_NoSlotOfferedTwice()
    {
        AssertFallBackOverlapExists();
        var sunday = FallBack.PlusDays(1);
        var input = SantiagoInput(new()
        {
            [FallBack] = [R(20, 0, 23, 59)],
            [sunday] = [R(0, 0, 2, 0)],
        });

        var saturday = AvailabilityEngine.GetSlots(input, FallBack, SantiagoNow);
        var sundaySlots = AvailabilityEngine.GetSlots(input, sunday, SantiagoNow);
        var all = saturday.Concat(sundaySlots).ToList();

        // Saturday 20:00–23:59 read at UTC-3 (the earlier of the repeated hour): 23:00Z to 02:15Z.
        Assert.Equal(Every15Minutes(Instant.FromUtc(2026, 4, 4, 23, 0), 14), saturday);
        // Sunday 00:00–02:00 is after the transition, UTC-4: 04:00Z to 05:30Z.
        Assert.Equal(Every15Minutes(Instant.FromUtc(2026, 4, 5, 4, 0), 7), sundaySlots);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.DoesNotContain(all, s => s >= FallBackAt && s < FallBackAt + Duration.FromHours(1));
    }

    [Fact]
    public void GetSlots_IntervalStartingInRepeatedHour_UsesEarlierInstant()
    {
        AssertFallBackOverlapExists();
        var input = SantiagoInput(new() { [FallBack] = [R(23, 0, 23, 59)] });

        var slots = AvailabilityEngine.GetSlots(input, FallBack, SantiagoNow);

        Assert.Equal(Every15Minutes(FallBackAt - Duration.FromHours(1), 2), slots);
        Assert.All(slots, s => Assert.Equal(Offset.FromHours(-3), Santiago.GetUtcOffset(s)));
    }

    public static TheoryData<int, int, int> SantiagoDstDates => new()
    {
        { 2026, 4, 4 }, { 2026, 4, 5 }, { 2026, 9, 5 }, { 2026, 9, 6 },
    };

    [Theory]
    [MemberData(nameof(SantiagoDstDates))]
    public void GetSlots_NormalDayOnDstDate_HasFullDayOfSlots(int year, int month, int day)
    {
        AssertSpringForwardGapExists();
        AssertFallBackOverlapExists();
        var date = new LocalDate(year, month, day);
        var input = SantiagoInput();

        var slots = AvailabilityEngine.GetSlots(input, date, SantiagoNow);

        // 09:00–18:00, a 30-minute service every 15 minutes: 09:00 … 17:30.
        Assert.Equal(35, slots.Count);
        Assert.Equal(date.At(new LocalTime(9, 0)), slots[0].InZone(Santiago).LocalDateTime);
        Assert.Equal(date.At(new LocalTime(17, 30)), slots[^1].InZone(Santiago).LocalDateTime);
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(Duration.FromMinutes(15), pair.Second - pair.First));
        Assert.All(slots, s => Assert.Equal(SlotCheck.Available, AvailabilityEngine.Check(input, s, SantiagoNow)));
    }

    [Fact]
    public void GetAvailableDays_DstMonths_AgreeWithGetSlots()
    {
        AssertSpringForwardGapExists();
        AssertFallBackOverlapExists();
        var input = SantiagoInput(new() { [SpringForward] = [R(0, 0, 0, 45)] });   // entirely inside the gap

        foreach (var month in new[] { new YearMonth(2026, 4), new YearMonth(2026, 9) })
        {
            var days = AvailabilityEngine.GetAvailableDays(input, month, SantiagoNow);
            for (var d = month.OnDayOfMonth(1); d.Month == month.Month; d = d.PlusDays(1))
                Assert.Equal(AvailabilityEngine.GetSlots(input, d, SantiagoNow).Count > 0, days.Contains(d));
        }
        Assert.Empty(AvailabilityEngine.GetSlots(input, SpringForward, SantiagoNow));
    }
}
