using BarberPro.Domain.Availability;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Tests.Domain.Availability;

/// <summary>
/// Pure tests of <see cref="AvailabilityEngine"/>: inputs are built by hand, no database. The default agenda is the
/// test shop's: Tuesday to Saturday 09:00–13:00 and 14:00–20:00 in Buenos Aires, a slot every 15 minutes, 1 h notice,
/// 60 days ahead, "now" Monday 2026-12-07 09:00. This file holds the helpers and the grid; the other parts are by topic.
/// </summary>
public sealed partial class AvailabilityEngineTests
{
    private static readonly DateTimeZone BuenosAires = DateTimeZoneProviders.Tzdb["America/Argentina/Buenos_Aires"];

    private static readonly LocalDate Monday = new(2026, 12, 7);
    private static readonly LocalDate Tuesday = new(2026, 12, 8);
    private static readonly LocalDate Wednesday = new(2026, 12, 9);
    private static readonly LocalDate Saturday = new(2026, 12, 12);
    private static readonly LocalDate Sunday = new(2026, 12, 13);

    /// <summary>Monday 2026-12-07 09:00 in Buenos Aires.</summary>
    private static readonly Instant Now = At(Monday, 9, 0);

    private static readonly SlotShape Haircut = new(Duration.FromMinutes(30), Duration.Zero, Duration.FromMinutes(5));
    private static readonly SlotShape Color = new(Duration.FromMinutes(60), Duration.FromMinutes(10), Duration.Zero);
    private static readonly SlotShape Bare30 = new(Duration.FromMinutes(30), Duration.Zero, Duration.Zero);

    private static readonly IsoDayOfWeek[] WorkingDays =
        [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday];

    [Fact]
    public void GetSlots_FreeWorkingDay_StartsAtEachIntervalStartAndRepeatsEverySlotStep()
    {
        var slots = AvailabilityEngine.GetSlots(Input(), Tuesday, Now);

        // Morning 09:00–13:00: last 30-minute start is 12:30. Afternoon 14:00–20:00: last start is 19:30.
        LocalTime[] expected =
        [
            T(9, 0), T(9, 15), T(9, 30), T(9, 45), T(10, 0), T(10, 15), T(10, 30), T(10, 45),
            T(11, 0), T(11, 15), T(11, 30), T(11, 45), T(12, 0), T(12, 15), T(12, 30),
            T(14, 0), T(14, 15), T(14, 30), T(14, 45), T(15, 0), T(15, 15), T(15, 30), T(15, 45),
            T(16, 0), T(16, 15), T(16, 30), T(16, 45), T(17, 0), T(17, 15), T(17, 30), T(17, 45),
            T(18, 0), T(18, 15), T(18, 30), T(18, 45), T(19, 0), T(19, 15), T(19, 30),
        ];
        Assert.Equal(expected, LocalTimesOn(Tuesday, slots));
    }

    [Fact]
    public void GetSlots_ReturnsInstantsInChronologicalOrderWithoutDuplicates()
    {
        var slots = AvailabilityEngine.GetSlots(Input(), Tuesday, Now);

        Assert.Equal(slots.OrderBy(s => s), slots);
        Assert.Equal(slots.Count, slots.Distinct().Count());
    }

    [Fact]
    public void GetSlots_IntervalStartOffTheHour_GridCountsFromIntervalStart()
    {
        var hours = Hours(overrides: new() { [Tuesday] = [R(9, 10, 10, 0), R(14, 5, 15, 0)] });
        var policy = BookingPolicy.Default with { SlotStep = Duration.FromMinutes(20) };

        var slots = AvailabilityEngine.GetSlots(Input(Bare30, policy: policy, hours: hours), Tuesday, Now);

        Assert.Equal([T(9, 10), T(9, 30), T(14, 5), T(14, 25)], LocalTimesOn(Tuesday, slots));
    }

    [Fact]
    public void GetSlots_ServiceEndingExactlyAtIntervalEnd_IsOffered()
    {
        var hours = Hours(overrides: new() { [Tuesday] = [R(9, 0, 10, 0)] });

        var slots = AvailabilityEngine.GetSlots(Input(Bare30, hours: hours), Tuesday, Now);

        Assert.Equal([T(9, 0), T(9, 15), T(9, 30)], LocalTimesOn(Tuesday, slots));
    }

    [Fact]
    public void GetSlots_ServiceThatWouldEndAfterIntervalEnd_IsNotOffered()
    {
        var hours = Hours(overrides: new() { [Tuesday] = [R(9, 0, 10, 10)] });

        var slots = AvailabilityEngine.GetSlots(Input(Bare30, hours: hours), Tuesday, Now);

        // 09:45 would end at 10:15, past the 10:10 close.
        Assert.Equal([T(9, 0), T(9, 15), T(9, 30)], LocalTimesOn(Tuesday, slots));
    }

    [Fact]
    public void GetSlots_ServiceLongerThanInterval_GivesNoSlotInThatInterval()
    {
        var hours = Hours(overrides: new() { [Tuesday] = [R(9, 0, 9, 45), R(10, 0, 11, 0)] });

        var slots = AvailabilityEngine.GetSlots(Input(Color, hours: hours), Tuesday, Now);

        Assert.Equal([T(10, 0)], LocalTimesOn(Tuesday, slots));
    }

    [Fact]
    public void GetSlots_BufferAfterMayRunPastIntervalEnd_OnlyTheServiceMustFit()
    {
        var hours = Hours(overrides: new() { [Tuesday] = [R(9, 0, 10, 0)] });

        var slots = AvailabilityEngine.GetSlots(Input(Haircut, hours: hours), Tuesday, Now);

        // 09:30 ends at 10:00; its 5-minute cleanup runs to 10:05, outside the interval, and that is allowed.
        Assert.Equal([T(9, 0), T(9, 15), T(9, 30)], LocalTimesOn(Tuesday, slots));
    }

    [Fact]
    public void GetSlots_DayWithoutWeeklyHours_HasNoSlots()
    {
        Assert.Empty(AvailabilityEngine.GetSlots(Input(), Sunday, Now));
        Assert.Empty(AvailabilityEngine.GetSlots(Input(), Monday.PlusWeeks(1), Now));
    }

    [Fact]
    public void GetSlots_WeeklyIntervalsGivenOutOfOrder_SameAsInOrder()
    {
        var reversed = new ProviderHours(WorkingDays.Reverse().SelectMany(d => new[] { (d, R(14, 0, 20, 0)), (d, R(9, 0, 13, 0)) }));

        Assert.Equal(
            AvailabilityEngine.GetSlots(Input(), Tuesday, Now),
            AvailabilityEngine.GetSlots(Input(hours: reversed), Tuesday, Now));
    }

    // ---- helpers ----

    private static LocalTime T(int hour, int minute = 0) => new(hour, minute);

    private static LocalTimeRange R(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute));

    /// <summary>An instant at hh:mm on <paramref name="date"/> in Buenos Aires (no DST there).</summary>
    private static Instant At(LocalDate date, int hour, int minute = 0) =>
        date.At(new LocalTime(hour, minute)).InZoneStrictly(BuenosAires).ToInstant();

    /// <summary>A busy span [from, to) on <paramref name="date"/> in Buenos Aires.</summary>
    private static Interval Busy(LocalDate date, int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(At(date, fromHour, fromMinute), At(date, toHour, toMinute));

    /// <summary>Each slot's wall-clock time, after checking it falls on <paramref name="date"/>.</summary>
    private static LocalTime[] LocalTimesOn(LocalDate date, IEnumerable<Instant> slots) => slots.Select(s =>
    {
        var local = s.InZone(BuenosAires).LocalDateTime;
        Assert.Equal(date, local.Date);
        return local.TimeOfDay;
    }).ToArray();

    /// <summary>The test shop's week (Tuesday to Saturday, 09–13 and 14–20) plus <paramref name="overrides"/>.</summary>
    private static ProviderHours Hours(Dictionary<LocalDate, IReadOnlyList<LocalTimeRange>>? overrides = null) => new(
        WorkingDays.SelectMany(d => new[] { (d, R(9, 0, 13, 0)), (d, R(14, 0, 20, 0)) }),
        overrides);

    private static AvailabilityInput Input(SlotShape? shape = null, BookingPolicy? policy = null,
        IReadOnlyList<Interval>? busy = null, IReadOnlyList<LocalDateTimeRange>? timeOff = null,
        ProviderHours? hours = null, DateTimeZone? zone = null) => new(
        zone ?? BuenosAires,
        policy ?? BookingPolicy.Default,
        shape ?? Haircut,
        hours ?? Hours(),
        timeOff ?? [],
        busy ?? []);
}
