using BarberPro.Domain.Shops;

namespace BarberPro.Tests.Domain.Shops;

/// <summary><see cref="ArgentineHolidays"/> against the dates the national government published for 2025 and 2026.</summary>
public sealed class ArgentineHolidaysTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_KnownYears(int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), ArgentineHolidays.EasterSunday(year));

    [Fact]
    public void For2026_IsTheOfficialCalendar()
    {
        var holidays = ArgentineHolidays.For(2026).Select(h => (h.Date, h.Key)).ToList();

        (LocalDate, string)[] expected =
        [
            (D(2026, 1, 1), "new_year"),
            (D(2026, 2, 16), "carnival_monday"),
            (D(2026, 2, 17), "carnival_tuesday"),
            (D(2026, 3, 24), "memory"),
            (D(2026, 4, 2), "malvinas"),
            (D(2026, 4, 2), "holy_thursday"),
            (D(2026, 4, 3), "good_friday"),
            (D(2026, 5, 1), "labour_day"),
            (D(2026, 5, 25), "may_revolution"),
            (D(2026, 6, 15), "guemes"),             // Wednesday 17 → previous Monday
            (D(2026, 6, 20), "belgrano"),
            (D(2026, 7, 9), "independence"),
            (D(2026, 8, 17), "san_martin"),         // already a Monday
            (D(2026, 10, 12), "cultural_diversity"), // already a Monday
            (D(2026, 11, 23), "sovereignty"),       // Friday 20 → next Monday
            (D(2026, 12, 8), "immaculate_conception"),
            (D(2026, 12, 25), "christmas"),
        ];
        Assert.Equal(expected, holidays);
    }

    [Fact]
    public void For2025_MovesTuesdayAndThursday_LeavesSundays()
    {
        var holidays = ArgentineHolidays.For(2025).ToDictionary(h => h.Key, h => h.Date);

        Assert.Equal(D(2025, 3, 3), holidays["carnival_monday"]);
        Assert.Equal(D(2025, 3, 4), holidays["carnival_tuesday"]);
        Assert.Equal(D(2025, 4, 17), holidays["holy_thursday"]);
        Assert.Equal(D(2025, 4, 18), holidays["good_friday"]);
        Assert.Equal(D(2025, 6, 16), holidays["guemes"]);        // Tuesday 17 → Monday 16
        Assert.Equal(D(2025, 8, 17), holidays["san_martin"]);    // Sunday: stays
        Assert.Equal(D(2025, 10, 12), holidays["cultural_diversity"]); // Sunday: stays
        Assert.Equal(D(2025, 11, 24), holidays["sovereignty"]);  // Thursday 20 → Monday 24
        Assert.Equal(D(2025, 6, 20), holidays["belgrano"]);      // fixed even on a Friday
    }

    [Theory]
    [InlineData(2026, 11, 17, 2026, 11, 16)] // Tuesday → previous Monday
    [InlineData(2026, 11, 18, 2026, 11, 16)] // Wednesday → previous Monday
    [InlineData(2026, 11, 19, 2026, 11, 23)] // Thursday → next Monday
    [InlineData(2026, 11, 20, 2026, 11, 23)] // Friday → next Monday
    [InlineData(2026, 11, 21, 2026, 11, 21)] // Saturday stays
    [InlineData(2026, 11, 22, 2026, 11, 22)] // Sunday stays
    [InlineData(2026, 11, 16, 2026, 11, 16)] // Monday stays
    public void Observed_FollowsLaw27399(int y, int m, int d, int oy, int om, int od) =>
        Assert.Equal(D(oy, om, od), ArgentineHolidays.Observed(D(y, m, d)));

    [Fact]
    public void HolyThursday_IsANonWorkingDay_TheRestAreHolidays()
    {
        var holidays = ArgentineHolidays.For(2026);

        Assert.Equal(HolidayKind.NonWorking, Assert.Single(holidays, h => h.Key == "holy_thursday").Kind);
        Assert.Equal(4, holidays.Count(h => h.Kind == HolidayKind.Movable));
        Assert.All(holidays, h => Assert.InRange(h.Name.Length, 1, ShopClosure.MaxNoteLength));
    }

    private static LocalDate D(int year, int month, int day) => new(year, month, day);
}
