using BarberPro.Domain.Common;
using BarberPro.Domain.Series;

namespace BarberPro.Tests.Domain.Series;

/// <summary><see cref="SeriesPattern"/>: pure dates and times, no database.</summary>
public sealed class SeriesPatternTests
{
    private static readonly LocalDateTime TuesdayTen = new(2026, 12, 8, 10, 0);
    private static readonly LocalDate FarHorizon = new(2028, 12, 31);

    private static IReadOnlyList<LocalDateTime> Occurrences(SeriesFrequency frequency, LocalDateTime first, int? count = null, LocalDate? until = null,
        LocalDate? lastDate = null)
    {
        var plan = SeriesPattern.Plan(frequency, first, count, until, lastDate ?? FarHorizon);
        Assert.True(plan.Succeeded, plan.Error?.ToString());
        return plan.Value!.Occurrences;
    }

    private static LocalDateTime At10(int year, int month, int day) => new(year, month, day, 10, 0);

    [Fact]
    public void Daily_Count_StepsOneDay()
    {
        Assert.Equal([At10(2026, 12, 8), At10(2026, 12, 9), At10(2026, 12, 10)], Occurrences(SeriesFrequency.Daily, TuesdayTen, count: 3));
    }

    [Fact]
    public void Weekly_Count_StepsSevenDays_AcrossTheYearEnd()
    {
        Assert.Equal([At10(2026, 12, 22), At10(2026, 12, 29), At10(2027, 1, 5)],
            Occurrences(SeriesFrequency.Weekly, At10(2026, 12, 22), count: 3));
    }

    [Fact]
    public void Biweekly_Count_StepsFourteenDays()
    {
        Assert.Equal([At10(2026, 12, 8), At10(2026, 12, 22), At10(2027, 1, 5), At10(2027, 1, 19)],
            Occurrences(SeriesFrequency.Biweekly, TuesdayTen, count: 4));
    }

    [Fact]
    public void Monthly_SecondTuesday_StaysTheSecondTuesday()
    {
        // 2026-12-08 is the second Tuesday of December.
        var dates = Occurrences(SeriesFrequency.Monthly, TuesdayTen, count: 4);
        Assert.Equal([At10(2026, 12, 8), At10(2027, 1, 12), At10(2027, 2, 9), At10(2027, 3, 9)], dates);
        Assert.All(dates, d => Assert.Equal(IsoDayOfWeek.Tuesday, d.DayOfWeek));
        Assert.Equal(2, SeriesPattern.WeekOfMonth(TuesdayTen.Date));
    }

    [Fact]
    public void Monthly_FifthTuesday_BecomesTheLastTuesday()
    {
        // 2026-12-29 is December's 5th Tuesday; January and February 2027 have four, March five.
        var dates = Occurrences(SeriesFrequency.Monthly, At10(2026, 12, 29), count: 4);
        Assert.Equal([At10(2026, 12, 29), At10(2027, 1, 26), At10(2027, 2, 23), At10(2027, 3, 30)], dates);
        Assert.Equal(-1, SeriesPattern.WeekOfMonth(new LocalDate(2026, 12, 29)));
    }

    [Fact]
    public void Until_IsInclusive()
    {
        Assert.Equal([At10(2026, 12, 8), At10(2026, 12, 15), At10(2026, 12, 22)],
            Occurrences(SeriesFrequency.Weekly, TuesdayTen, until: new LocalDate(2026, 12, 22)));
        Assert.Equal(2, Occurrences(SeriesFrequency.Weekly, TuesdayTen, until: new LocalDate(2026, 12, 21)).Count);
    }

    [Fact]
    public void Until_WithMoreThanTheMaximum_IsCappedAt52AndSaysSo()
    {
        var plan = SeriesPattern.Plan(SeriesFrequency.Daily, TuesdayTen, null, new LocalDate(2027, 6, 1), FarHorizon);

        Assert.Equal(BookingSeries.MaxOccurrences, plan.Value!.Occurrences.Count);
        Assert.True(plan.Value.CappedAtMax);
        Assert.False(plan.Value.CutAtHorizon);
        Assert.Equal(At10(2027, 1, 28), plan.Value.Occurrences[^1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(53)]
    public void Count_OutsideOneTo52_IsRefused(int count)
    {
        var plan = SeriesPattern.Plan(SeriesFrequency.Weekly, TuesdayTen, count, null, FarHorizon);
        Assert.Equal("series.count", plan.Error?.Code);
    }

    [Fact]
    public void Count_52_IsAllowed()
    {
        Assert.Equal(52, Occurrences(SeriesFrequency.Weekly, TuesdayTen, count: 52).Count);
    }

    [Fact]
    public void CountAndUntil_BothOrNeither_AreRefused()
    {
        Assert.Equal("series.count_or_until", SeriesPattern.Plan(SeriesFrequency.Weekly, TuesdayTen, 3, new LocalDate(2027, 1, 1), FarHorizon).Error?.Code);
        Assert.Equal("series.count_or_until", SeriesPattern.Plan(SeriesFrequency.Weekly, TuesdayTen, null, null, FarHorizon).Error?.Code);
        Assert.Equal("series.until", SeriesPattern.Plan(SeriesFrequency.Weekly, TuesdayTen, null, new LocalDate(2026, 12, 7), FarHorizon).Error?.Code);
    }

    [Fact]
    public void Horizon_CutsTheCountAndSaysSo()
    {
        var lastDate = new LocalDate(2027, 6, 7);
        var plan = SeriesPattern.Plan(SeriesFrequency.Weekly, TuesdayTen, 52, null, lastDate);

        Assert.True(plan.Value!.CutAtHorizon);
        Assert.False(plan.Value.CappedAtMax);
        Assert.Equal(26, plan.Value.Occurrences.Count);
        Assert.Equal(At10(2027, 6, 1), plan.Value.Occurrences[^1]);
        Assert.All(plan.Value.Occurrences, o => Assert.True(o.Date <= lastDate));
    }

    [Fact]
    public void Horizon_LastDateItselfIsIncluded_AndAFirstDateBeyondIsRefused()
    {
        Assert.Equal(At10(2026, 12, 15), Occurrences(SeriesFrequency.Daily, TuesdayTen, count: 30, lastDate: new LocalDate(2026, 12, 15))[^1]);
        Assert.Equal("series.beyond_horizon",
            SeriesPattern.Plan(SeriesFrequency.Daily, TuesdayTen, 3, null, new LocalDate(2026, 12, 7)).Error?.Code);
    }

    [Fact]
    public void Until_BeforeTheHorizon_IsNotReportedAsCut()
    {
        var plan = SeriesPattern.Plan(SeriesFrequency.Weekly, TuesdayTen, null, new LocalDate(2026, 12, 31), new LocalDate(2027, 6, 7));
        Assert.False(plan.Value!.CutAtHorizon);
        Assert.Equal(4, plan.Value.Occurrences.Count);
    }

    [Fact]
    public void Weekly_AcrossSantiagoFallBack_KeepsTheWallClockTime()
    {
        var santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];
        var dates = Occurrences(SeriesFrequency.Weekly, At10(2027, 3, 30), count: 2);
        var before = ShopTime.InZone(dates[0], santiago);
        var after = ShopTime.InZone(dates[1], santiago);

        // The zone really changes offset between the two Tuesdays (UTC-3 → UTC-4 on the first weekend of April).
        Assert.Equal(Offset.FromHours(-3), before.Offset);
        Assert.Equal(Offset.FromHours(-4), after.Offset);
        Assert.Equal(new LocalTime(10, 0), before.TimeOfDay);
        Assert.Equal(new LocalTime(10, 0), after.TimeOfDay);
        Assert.Equal(Duration.FromDays(7) + Duration.FromHours(1), after.ToInstant() - before.ToInstant());
    }

    [Fact]
    public void IndexesOf_MapsChosenDatesToPatternIndexes_AndRefusesAnOffPatternDate()
    {
        var first = TuesdayTen.Date;
        Assert.Equal([0, 1, 3], SeriesPattern.IndexesOf(SeriesFrequency.Weekly, first,
            [first, first.PlusWeeks(1), first.PlusWeeks(3)]));
        Assert.Null(SeriesPattern.IndexesOf(SeriesFrequency.Weekly, first, [first, first.PlusDays(8)]));
    }
}
