using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>How a national holiday is fixed.</summary>
public enum HolidayKind
{
    /// <summary>Feriado inamovible: always on its date (or on its Easter-based date).</summary>
    Fixed,
    /// <summary>Feriado trasladable: moved to a Monday by the rule of Law 27.399, art. 6.</summary>
    Movable,
    /// <summary>Día no laborable: employers decide whether to work (Holy Thursday).</summary>
    NonWorking,
}

/// <summary>One national holiday as observed in a given year.</summary>
/// <param name="Date">The observed date (after moving a <see cref="HolidayKind.Movable"/> one).</param>
/// <param name="Key">Stable identifier, e.g. "carnival_monday", for translations.</param>
/// <param name="Name">The holiday's Spanish name.</param>
public sealed record NationalHoliday(LocalDate Date, string Key, string Name, HolidayKind Kind);

/// <summary>
/// Argentina's national holidays for a year, computed here without any network call.
/// <para>
/// Source: Law 27.399 (Boletín Oficial, 18 Oct 2017), arts. 2 to 6. Fixed holidays (art. 2, feriados inamovibles):
/// 1 Jan, Carnival Monday and Tuesday (48 and 47 days before Easter Sunday), 24 Mar, 2 Apr, Good Friday, 1 May,
/// 25 May, 20 Jun, 9 Jul, 8 Dec and 25 Dec. Movable holidays (art. 2, trasladables): 17 Jun (Güemes), 17 Aug
/// (San Martín), 12 Oct (Diversidad Cultural) and 20 Nov (Soberanía Nacional); art. 6 moves one that falls on a
/// Tuesday or Wednesday to the previous Monday and one that falls on a Thursday or Friday to the next Monday; on a
/// Monday or a weekend it stays. Holy Thursday is a non-working day (art. 4, día no laborable).
/// </para>
/// <para>
/// Not computed: the bridge days (días no laborables con fines turísticos, art. 7) that the national government
/// decrees each year, nor a decree that moves a holiday away from the rule (as happened for Güemes in some years);
/// owners add those dates by hand. Easter follows the Gregorian computus (Meeus/Jones/Butcher).
/// </para>
/// </summary>
public static class ArgentineHolidays
{
    /// <summary>
    /// The holidays observed in <paramref name="year"/> (1900–2199), in date order. Two may share a date (Holy Thursday
    /// can fall on 2 April).
    /// </summary>
    public static IReadOnlyList<NationalHoliday> For(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2199);
        var easter = EasterSunday(year);
        var holidays = new List<NationalHoliday>
        {
            Fixed(year, 1, 1, "new_year", "Año Nuevo"),
            new(easter.PlusDays(-48), "carnival_monday", "Carnaval", HolidayKind.Fixed),
            new(easter.PlusDays(-47), "carnival_tuesday", "Carnaval", HolidayKind.Fixed),
            Fixed(year, 3, 24, "memory", "Día Nacional de la Memoria por la Verdad y la Justicia"),
            Fixed(year, 4, 2, "malvinas", "Día del Veterano y de los Caídos en la Guerra de Malvinas"),
            new(easter.PlusDays(-3), "holy_thursday", "Jueves Santo", HolidayKind.NonWorking),
            new(easter.PlusDays(-2), "good_friday", "Viernes Santo", HolidayKind.Fixed),
            Fixed(year, 5, 1, "labour_day", "Día del Trabajador"),
            Fixed(year, 5, 25, "may_revolution", "Día de la Revolución de Mayo"),
            Movable(year, 6, 17, "guemes", "Paso a la Inmortalidad del General Martín Miguel de Güemes"),
            Fixed(year, 6, 20, "belgrano", "Paso a la Inmortalidad del General Manuel Belgrano"),
            Fixed(year, 7, 9, "independence", "Día de la Independencia"),
            Movable(year, 8, 17, "san_martin", "Paso a la Inmortalidad del General José de San Martín"),
            Movable(year, 10, 12, "cultural_diversity", "Día del Respeto a la Diversidad Cultural"),
            Movable(year, 11, 20, "sovereignty", "Día de la Soberanía Nacional"),
            Fixed(year, 12, 8, "immaculate_conception", "Inmaculada Concepción de María"),
            Fixed(year, 12, 25, "christmas", "Navidad"),
        };
        return holidays.OrderBy(h => h.Date).ToList();
    }

    /// <summary>Where a movable holiday is observed (Law 27.399, art. 6): Tue/Wed → previous Monday, Thu/Fri → next Monday.</summary>
    public static LocalDate Observed(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Tuesday => date.PlusDays(-1),
        IsoDayOfWeek.Wednesday => date.PlusDays(-2),
        IsoDayOfWeek.Thursday => date.PlusDays(4),
        IsoDayOfWeek.Friday => date.PlusDays(3),
        _ => date,
    };

    /// <summary>Easter Sunday of <paramref name="year"/> in the Gregorian calendar (anonymous Gregorian algorithm).</summary>
    public static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new LocalDate(year, month, day);
    }

    private static NationalHoliday Fixed(int year, int month, int day, string key, string name) =>
        new(new LocalDate(year, month, day), key, name, HolidayKind.Fixed);

    private static NationalHoliday Movable(int year, int month, int day, string key, string name) =>
        new(Observed(new LocalDate(year, month, day)), key, name, HolidayKind.Movable);
}
