using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Series;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Duration = NodaTime.Duration;

namespace BarberPro.Web.Features.MyBookings;

/// <summary>
/// The .ics of a recurring series (built with Ical.Net): ONE VEVENT at the series' first start in the shop's zone
/// (TZID + VTIMEZONE, so every occurrence keeps its wall-clock time across DST), an RRULE with the pattern
/// (FREQ, INTERVAL=2 for biweekly, COUNT; monthly as BYDAY=2TU or BYDAY=-1TU, docs/decisions/0008), an EXDATE for each
/// occurrence skipped or cancelled, and for one moved off its pattern time an EXDATE there plus an RDATE where it is now.
/// </summary>
public static class SeriesCalendarFile
{
    /// <summary>One occurrence of the pattern that has a booking: its pattern index, where it starts now, and whether it still stands.</summary>
    public sealed record Occurrence(int Index, Instant Start, BookingStatus Status);

    /// <summary>Everything the file says.</summary>
    public sealed record Series(Guid Id, SeriesFrequency Frequency, LocalDateTime FirstStart, int PatternCount, Duration Length,
        IReadOnlyList<Occurrence> Occurrences, MyBookingsQueries.Line Booking);

    /// <summary>The series of <paramref name="seriesId"/> if it is <paramref name="userId"/>'s own (as a customer); null otherwise.</summary>
    public static async Task<Series?> LoadAsync(IDbContextFactory<BarberProDbContext> dbFactory, Guid seriesId, string userId,
        MyBookingsQueries.Line booking, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var series = await db.BookingSeries.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == seriesId && db.Customers.Any(c => c.Id == s.CustomerId && c.UserId == userId), ct);
        if (series is null)
            return null;
        var occurrences = await db.Bookings.AsNoTracking()
            .Where(b => b.SeriesId == seriesId && b.SeriesIndex != null)
            .OrderBy(b => b.SeriesIndex)
            .Select(b => new Occurrence(b.SeriesIndex!.Value, b.Start, b.Status))
            .ToListAsync(ct);
        return new Series(series.Id, series.Frequency, series.FirstStart, series.PatternCount, booking.End - booking.Start, occurrences, booking);
    }

    public static string Build(Series series, Instant now)
    {
        var zone = series.Booking.Zone;
        var calendar = new Calendar { ProductId = "-//BarberPro//Turnos//ES", Method = "PUBLISH" };
        calendar.AddTimeZone(zone.Id);

        var first = series.FirstStart;
        var evt = new CalendarEvent
        {
            Uid = $"series-{series.Id}@barberpro",
            DtStamp = new CalDateTime(now.ToDateTimeUtc(), "UTC"),
            DtStart = Local(first, zone),
            DtEnd = Local(first.PlusMinutes((long)series.Length.TotalMinutes), zone),
            Summary = CalendarFile.Summary(series.Booking),
            Description = CalendarFile.Description(series.Booking, now),
            Location = series.Booking.ShopAddress,
            RecurrenceRule = Rule(series.Frequency, first.Date, series.PatternCount),
        };

        var byIndex = series.Occurrences.GroupBy(o => o.Index).ToDictionary(g => g.Key, g => g.First());
        for (var i = 0; i < series.PatternCount; i++)
        {
            var planned = SeriesPattern.DateOf(series.Frequency, first.Date, i).At(first.TimeOfDay);
            if (!byIndex.TryGetValue(i, out var booked) || booked.Status == BookingStatus.Cancelled)
            {
                evt.ExceptionDates.Add(Local(planned, zone));
                continue;
            }
            var actual = booked.Start.InZone(zone).LocalDateTime;
            if (actual != planned)
            {
                evt.ExceptionDates.Add(Local(planned, zone));
                evt.RecurrenceDates.Add(Local(actual, zone));
            }
        }
        evt.Alarms.Add(new Alarm { Action = AlarmAction.Display, Description = "Recordatorio de turno", Trigger = new Trigger("-PT2H") });
        calendar.Events.Add(evt);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The RRULE: FREQ and INTERVAL, COUNT, and for monthly the weekday of the month (BYDAY=2TU, or -1TU for the last).</summary>
    private static RecurrenceRule Rule(SeriesFrequency frequency, LocalDate first, int count)
    {
        var rule = frequency switch
        {
            SeriesFrequency.Daily => new RecurrenceRule(FrequencyType.Daily, 1),
            SeriesFrequency.Weekly => new RecurrenceRule(FrequencyType.Weekly, 1),
            SeriesFrequency.Biweekly => new RecurrenceRule(FrequencyType.Weekly, 2),
            SeriesFrequency.Monthly => new RecurrenceRule(FrequencyType.Monthly, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
        };
        rule.Count = count;
        if (frequency == SeriesFrequency.Monthly)
            rule.ByDay.Add(new WeekDay((DayOfWeek)((int)first.DayOfWeek % 7), SeriesPattern.WeekOfMonth(first)));
        return rule;
    }

    private static CalDateTime Local(LocalDateTime local, DateTimeZone zone) =>
        new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone.Id);
}
