using BarberPro.Domain.Common;
using NodaTime;

namespace BarberPro.Domain.Series;

/// <summary>
/// The occurrences of a recurring appointment on the shop's wall clock. Pure: no database, no clock.
/// <list type="bullet">
/// <item>Daily, weekly and biweekly step 1, 7 and 14 days; monthly is the same weekday of the month (docs/decisions/0008):
/// the 2nd Tuesday stays the 2nd Tuesday, and a 5th weekday becomes "the last" one (months without a 5th have a last).</item>
/// <item>Every occurrence keeps the first one's local time of day; turning it into an instant is <see cref="ShopTime"/>'s
/// job, so a series at 10:00 stays at 10:00 across a DST change.</item>
/// <item>At most <see cref="BookingSeries.MaxOccurrences"/>, and none after <c>lastDate</c> (today + the shop's series
/// horizon): longer patterns are cut, and <see cref="SeriesPlan"/> says so.</item>
/// </list>
/// </summary>
public static class SeriesPattern
{
    /// <summary>
    /// The pattern's occurrences from <paramref name="first"/>: <paramref name="count"/> of them, or every one up to
    /// <paramref name="until"/> (inclusive); exactly one of the two must be given.
    /// </summary>
    public static Result<SeriesPlan> Plan(SeriesFrequency frequency, LocalDateTime first, int? count, LocalDate? until, LocalDate lastDate)
    {
        if (count is null == until is null)
            return Result<SeriesPlan>.Refused(new("series.count_or_until", "Indicá cuántas veces se repite o hasta qué fecha.", "Count"));
        if (count is < 1 or > BookingSeries.MaxOccurrences)
            return Result<SeriesPlan>.Refused(new("series.count", $"Una serie puede tener de 1 a {BookingSeries.MaxOccurrences} turnos.", "Count"));
        if (until is { } u && u < first.Date)
            return Result<SeriesPlan>.Refused(new("series.until", "La fecha final no puede ser anterior al primer turno.", "Until"));
        if (first.Date > lastDate)
            return Result<SeriesPlan>.Refused(new("series.beyond_horizon", "Las series no pueden llegar tan adelante. Elegí una fecha más cercana.", "StartTime"));

        var wanted = count ?? BookingSeries.MaxOccurrences;
        var stop = until is { } end && end < lastDate ? end : lastDate;
        var dates = new List<LocalDateTime>();
        var cappedAtMax = false;
        var cutAtHorizon = false;
        for (var i = 0; ; i++)
        {
            var date = DateOf(frequency, first.Date, i);
            if (dates.Count == wanted)
            {
                cappedAtMax = count is null && date <= stop;
                break;
            }
            if (date > stop)
            {
                cutAtHorizon = until is null || until.Value > lastDate;
                break;
            }
            dates.Add(date.At(first.TimeOfDay));
        }
        return Result<SeriesPlan>.Ok(new SeriesPlan(frequency, first, dates, cappedAtMax, cutAtHorizon));
    }

    /// <summary>The date of occurrence <paramref name="index"/> (0 = <paramref name="first"/>).</summary>
    public static LocalDate DateOf(SeriesFrequency frequency, LocalDate first, int index) => frequency switch
    {
        SeriesFrequency.Daily => first.PlusDays(index),
        SeriesFrequency.Weekly => first.PlusWeeks(index),
        SeriesFrequency.Biweekly => first.PlusWeeks(2 * index),
        SeriesFrequency.Monthly => SameWeekdayOfMonth(first, first.PlusMonths(index)),
        _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
    };

    /// <summary>
    /// Which weekday of its month <paramref name="date"/> is: 1 to 4 (the 1st to the 4th Tuesday), or -1 for a 5th one,
    /// kept as "the last" (RFC 5545 BYDAY=-1TU).
    /// </summary>
    public static int WeekOfMonth(LocalDate date)
    {
        var n = (date.Day - 1) / 7 + 1;
        return n == 5 ? -1 : n;
    }

    /// <summary>The date in <paramref name="month"/>'s month with <paramref name="first"/>'s weekday and <see cref="WeekOfMonth"/>.</summary>
    private static LocalDate SameWeekdayOfMonth(LocalDate first, LocalDate month)
    {
        var week = WeekOfMonth(first);
        var day = first.DayOfWeek;
        if (week > 0)
        {
            var firstOfMonth = new LocalDate(month.Year, month.Month, 1);
            var firstWeekday = firstOfMonth.DayOfWeek == day ? firstOfMonth : firstOfMonth.Next(day);
            return firstWeekday.PlusWeeks(week - 1);
        }
        var lastOfMonth = new LocalDate(month.Year, month.Month, month.Calendar.GetDaysInMonth(month.Year, month.Month));
        return lastOfMonth.DayOfWeek == day ? lastOfMonth : lastOfMonth.Previous(day);
    }

    /// <summary>
    /// Which pattern occurrence each chosen local date stands for, for a pattern anchored at <paramref name="first"/>:
    /// the indexes in the order of <paramref name="dates"/>, or null when a date is not one of the pattern's (at most
    /// <see cref="BookingSeries.MaxOccurrences"/> are looked at).
    /// </summary>
    public static IReadOnlyList<int>? IndexesOf(SeriesFrequency frequency, LocalDate first, IReadOnlyList<LocalDate> dates)
    {
        var byDate = new Dictionary<LocalDate, int>();
        for (var i = 0; i < BookingSeries.MaxOccurrences; i++)
            byDate.TryAdd(DateOf(frequency, first, i), i);
        var indexes = new List<int>(dates.Count);
        foreach (var date in dates)
        {
            if (!byDate.TryGetValue(date, out var index))
                return null;
            indexes.Add(index);
        }
        return indexes;
    }
}

/// <summary>A series' occurrences on the shop's wall clock, and whether the limits cut it short.</summary>
/// <param name="Occurrences">Local starts in order; index i is occurrence i of the pattern.</param>
/// <param name="CappedAtMax">An "until" pattern had more than <see cref="BookingSeries.MaxOccurrences"/>; the rest were left out.</param>
/// <param name="CutAtHorizon">The pattern reached past the shop's series horizon; the later ones were left out.</param>
public sealed record SeriesPlan(SeriesFrequency Frequency, LocalDateTime First, IReadOnlyList<LocalDateTime> Occurrences, bool CappedAtMax, bool CutAtHorizon);
