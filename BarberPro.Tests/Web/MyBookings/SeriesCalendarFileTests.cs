using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Series;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.MyBookings;
using Ical.Net;
using Ical.Net.DataTypes;
using Microsoft.Extensions.DependencyInjection;
using Duration = NodaTime.Duration;

namespace BarberPro.Tests.Web.MyBookings;

/// <summary>
/// The .ics of a series, read back with Ical.Net: one VEVENT whose RRULE, EXDATEs and RDATEs give exactly the
/// occurrences that stand, at their wall-clock times (Ical.Net's own RFC 5545 evaluation, not ours).
/// </summary>
public sealed class SeriesCalendarFileTests
{
    private static MyBookingsQueries.Line Line(DateTimeZone zone, Instant start) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        "Test Barber", "test-barber", "+54 9 11 4833-2211", "Gorriti 4800", zone, start, start + Duration.FromMinutes(30), "Corte", "Barbero Uno",
        BookingStatus.Pending, 12000m, Duration.FromHours(24), null, Guid.NewGuid(), 0);

    private static SeriesCalendarFile.Series AllBooked(SeriesFrequency frequency, LocalDateTime first, int count, DateTimeZone zone)
    {
        var occurrences = Enumerable.Range(0, count)
            .Select(i => new SeriesCalendarFile.Occurrence(i, ShopTime.ToInstant(SeriesPattern.DateOf(frequency, first.Date, i).At(first.TimeOfDay), zone), BookingStatus.Pending))
            .ToList();
        return new SeriesCalendarFile.Series(Guid.NewGuid(), frequency, first, count, Duration.FromMinutes(30), occurrences, Line(zone, occurrences[0].Start));
    }

    /// <summary>The starts Ical.Net evaluates from the file, as instants.</summary>
    private static List<Instant> Starts(string ics)
    {
        var calendar = Calendar.Load(ics)!;
        var evt = Assert.Single(calendar.Events);
        return evt!.GetOccurrences(null, null).Select(o => Instant.FromDateTimeUtc(o.Period.StartTime.AsUtc)).ToList();
    }

    [Fact]
    public void Weekly_WithASkippedACancelledAndAMovedOccurrence_IsOneEventWithRRuleExDatesAndRDate()
    {
        var first = TestAgenda.Tuesday.At(new LocalTime(10, 0));
        var zone = TestAgenda.BuenosAires;
        var at = (int week, int hour) => TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(week).At(new LocalTime(hour, 0)));
        var series = new SeriesCalendarFile.Series(Guid.NewGuid(), SeriesFrequency.Weekly, first, 5, Duration.FromMinutes(30),
        [
            new(0, at(0, 10), BookingStatus.Confirmed),
            new(1, at(1, 11), BookingStatus.Pending),     // moved from 10:00 to 11:00
            new(3, at(3, 10), BookingStatus.Cancelled),   // cancelled; index 2 was skipped
            new(4, at(4, 10), BookingStatus.Pending),
        ], Line(zone, at(0, 10)));

        var ics = SeriesCalendarFile.Build(series, TestAgenda.DefaultNow);

        var evt = Assert.Single(Calendar.Load(ics)!.Events)!;
        Assert.Equal(FrequencyType.Weekly, evt.RecurrenceRule!.Frequency);
        Assert.Equal(1, evt.RecurrenceRule.Interval);
        Assert.Equal(5, evt.RecurrenceRule.Count);
        Assert.Equal("America/Argentina/Buenos_Aires", evt.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 12, 8, 10, 0, 0), evt.DtStart.Value);
        Assert.Contains("Corte con Barbero Uno", evt.Summary);
        Assert.Equal([at(0, 10), at(1, 11), at(4, 10)], Starts(ics));
        Assert.Contains("EXDATE", ics);
        Assert.Contains("RDATE", ics);
        Assert.Contains("BEGIN:VTIMEZONE", ics);
        Assert.Single(ics.Split("BEGIN:VEVENT")[1..]);
    }

    [Theory]
    [InlineData(8, "2TU")]    // the 2nd Tuesday of December 2026
    [InlineData(29, "-1TU")]  // the 5th Tuesday: the last one
    public void Monthly_IsTheWeekdayOfTheMonth_AndIcalNetAgreesWithThePattern(int day, string byDay)
    {
        var first = new LocalDateTime(2026, 12, day, 10, 0);
        var series = AllBooked(SeriesFrequency.Monthly, first, 6, TestAgenda.BuenosAires);

        var ics = SeriesCalendarFile.Build(series, TestAgenda.DefaultNow);

        Assert.Contains($"BYDAY={byDay}", ics.Replace("\r\n ", ""));
        Assert.Equal(series.Occurrences.Select(o => o.Start), Starts(ics));
    }

    [Fact]
    public void Biweekly_IsIntervalTwo_AndDaily_IsFreqDaily()
    {
        var first = TestAgenda.Tuesday.At(new LocalTime(10, 0));
        var biweekly = AllBooked(SeriesFrequency.Biweekly, first, 4, TestAgenda.BuenosAires);
        var daily = AllBooked(SeriesFrequency.Daily, first, 3, TestAgenda.BuenosAires);

        var biweeklyIcs = SeriesCalendarFile.Build(biweekly, TestAgenda.DefaultNow);
        var dailyIcs = SeriesCalendarFile.Build(daily, TestAgenda.DefaultNow);

        var rule = Assert.Single(Calendar.Load(biweeklyIcs)!.Events)!.RecurrenceRule!;
        Assert.Equal(FrequencyType.Weekly, rule.Frequency);
        Assert.Equal(2, rule.Interval);
        Assert.Equal(biweekly.Occurrences.Select(o => o.Start), Starts(biweeklyIcs));
        Assert.Equal(FrequencyType.Daily, Assert.Single(Calendar.Load(dailyIcs)!.Events)!.RecurrenceRule!.Frequency);
        Assert.Equal(daily.Occurrences.Select(o => o.Start), Starts(dailyIcs));
    }

    [Fact]
    public void Weekly_AcrossSantiagoDst_KeepsTenOClockInTheCalendarToo()
    {
        var santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];
        var series = AllBooked(SeriesFrequency.Weekly, new LocalDateTime(2027, 3, 23, 10, 0), 4, santiago);

        var starts = Starts(SeriesCalendarFile.Build(series, TestAgenda.DefaultNow));

        Assert.Equal(series.Occurrences.Select(o => o.Start), starts);
        Assert.All(starts, s => Assert.Equal(new LocalTime(10, 0), s.InZone(santiago).TimeOfDay));
        Assert.NotEqual(starts[0].InZone(santiago).Offset, starts[3].InZone(santiago).Offset);
    }

    [Fact]
    public async Task FromTheDatabase_ABookedSeriesWithAMovedAndACancelledOne_RoundTrips_AndIsOnlyItsCustomers()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var customer = Actor.Customer(TestAgenda.CustomerUserId);
        var series = db.Services.GetRequiredService<SeriesService>();
        var preview = (await series.PreviewAsync(new SeriesRequest(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(10), SeriesFrequency.Weekly, 4, null), customer)).Value!;
        var booked = Assert.IsType<SeriesOutcome.Succeeded>(await series.BookAsync(new NewSeries(agenda.Barber.Id, agenda.Haircut.Id, SeriesFrequency.Weekly,
            [.. preview.Occurrences.Select(o => o.Start)]), customer)).Bookings;
        var moved = TestAgenda.Local(TestAgenda.Tuesday.PlusWeeks(1).At(new LocalTime(15, 0)));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.RescheduleAsync(booked[1].Id, moved, customer));
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(booked[2].Id, BookingAction.Cancel, customer));
        var line = Line(TestAgenda.BuenosAires, booked[0].Start) with { SeriesId = booked[0].SeriesId };

        var loaded = await SeriesCalendarFile.LoadAsync(db.DbFactory, booked[0].SeriesId!.Value, TestAgenda.CustomerUserId, line);
        var notTheirs = await SeriesCalendarFile.LoadAsync(db.DbFactory, booked[0].SeriesId!.Value, TestAgenda.OtherCustomerUserId, line);

        Assert.Null(notTheirs);
        var ics = SeriesCalendarFile.Build(loaded!, TestAgenda.DefaultNow);
        Assert.Equal([booked[0].Start, moved, booked[3].Start], Starts(ics));
        Assert.Equal(1, (await db.Bookings.FindAsync(booked[1].Id, customer))!.SeriesIndex);
    }
}
