using NodaTime;

namespace BarberPro.Web.Features.Agenda;

/// <summary>
/// The whole hours of one day an agenda grid shows, [<see cref="StartHour"/>, <see cref="EndHour"/>) with
/// 0 ≤ start &lt; end ≤ 24. Plain ints, not <see cref="LocalTime"/>: a span may reach midnight (24:00, which
/// <see cref="LocalTime"/> cannot say and wraps to 00:00), and every loop a grid runs over hours or rows is bounded
/// by construction — at most 24 hours, <see cref="MaxRows"/> rows. <c>default</c> is the empty span (nothing to show).
/// </summary>
public readonly record struct AgendaSpan
{
    public const int MinutesPerDay = 24 * 60;
    public const int RowMinutes = 15;
    public const int MaxRows = MinutesPerDay / RowMinutes;

    /// <summary>Clamps both ends into the day; an end at or before the start gives a one-hour span.</summary>
    public AgendaSpan(int startHour, int endHour)
    {
        StartHour = Math.Clamp(startHour, 0, 23);
        EndHour = Math.Clamp(endHour, StartHour + 1, 24);
    }

    public int StartHour { get; }
    public int EndHour { get; }

    public static AgendaSpan WholeDay { get; } = new(0, 24);

    public bool IsEmpty => EndHour <= StartHour;
    public int Hours => IsEmpty ? 0 : EndHour - StartHour;
    public int Rows => Hours * 60 / RowMinutes;

    /// <summary>The hours to draw a mark at: StartHour, StartHour + 1, … EndHour − 1.</summary>
    public IEnumerable<int> HourMarks => Enumerable.Range(StartHour, Hours);

    public static string Label(int hour) => $"{hour:00}:00";

    /// <summary>How far down the span a minute of the day lies, 0–100, clamped.</summary>
    public double Percent(int minuteOfDay) =>
        IsEmpty ? 0 : Math.Clamp((minuteOfDay - StartHour * 60) * 100.0 / (Hours * 60), 0, 100);

    /// <summary>Minutes from the start of <paramref name="day"/> to <paramref name="time"/>, clamped to 0–1440 (before the day is 0, after it 1440).</summary>
    public static int MinuteOfDay(LocalDateTime time, LocalDate day) =>
        time.Date < day ? 0 : time.Date > day ? MinutesPerDay : time.Hour * 60 + time.Minute;

    /// <summary>The smallest whole-hour span that covers [<paramref name="fromMinute"/>, <paramref name="toMinute"/>) of a day.</summary>
    public static AgendaSpan Covering(int fromMinute, int toMinute)
    {
        fromMinute = Math.Clamp(fromMinute, 0, MinutesPerDay);
        toMinute = Math.Clamp(toMinute, fromMinute, MinutesPerDay);
        return new AgendaSpan(fromMinute / 60, (toMinute + 59) / 60);
    }

    /// <summary>
    /// What every agenda grid shows: the union, over the given days (the columns of one grid), of each day's working
    /// hours (weekly or special date, as <c>ProviderHours.On</c> says) and of everything on it — every booking, and
    /// time off that covers part of the day (a time off over whole days is drawn across whatever the hours show, it
    /// does not stretch the grid to 24 hours). Empty when no day has hours or anything on it.
    /// </summary>
    public static AgendaSpan Of(IEnumerable<AgendaQueries.AgendaDay> days)
    {
        var from = int.MaxValue;
        var to = int.MinValue;
        void Add(int start, int end)
        {
            from = Math.Min(from, start);
            to = Math.Max(to, Math.Max(end, start + 1));
        }

        foreach (var day in days)
        {
            foreach (var range in day.Hours)
                Add(range.Start.Hour * 60 + range.Start.Minute, range.End.Hour * 60 + range.End.Minute);
            foreach (var item in day.Items)
            {
                var start = MinuteOfDay(item.Start, day.Date);
                var end = MinuteOfDay(item.End, day.Date);
                if (item.Kind == AgendaQueries.ItemKind.TimeOff && start == 0 && end == MinutesPerDay)
                    continue;
                Add(start, end);
            }
        }
        return from > to ? default : Covering(from, to);
    }
}
