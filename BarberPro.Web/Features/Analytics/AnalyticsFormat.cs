using System.Globalization;
using BarberPro.Web.Components;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Features.Analytics;

/// <summary>Whether a figure went up, down or stayed, and whether that is good news for the shop.</summary>
public enum ChangeDirection
{
    Same,
    Up,
    Down,
}

/// <summary>
/// A figure against the same figure of the previous period, as a tile shows it: "▲ 12,5 %" for amounts and counts,
/// "▲ 2,1 p.p." for rates (a rate's change in percentage points); "nuevo" when the previous period had none.
/// </summary>
public sealed record FigureChange(ChangeDirection Direction, string Text)
{
    public string Arrow => Direction switch { ChangeDirection.Up => "▲", ChangeDirection.Down => "▼", _ => "=" };
}

/// <summary>How the analytics pages write the report's figures (es-AR first: "12,5 %", "$ 10.500", "30/11/2026").</summary>
public static class AnalyticsFormat
{
    /// <summary>"12,5 %" (one decimal at most); "—" for a rate that does not exist (nothing to divide by).</summary>
    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.#", CultureInfo.CurrentCulture) + " %" : "—";

    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Money(decimal? amount) => amount is { } a ? Formatting.Money(a) : "—";

    /// <summary>"30/11/2026" (or 11/30/2026 in English).</summary>
    public static string Date(LocalDate date) =>
        LocalDatePattern.Create(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "es" ? "dd/MM/uuuu" : "MM/dd/uuuu", CultureInfo.CurrentCulture).Format(date);

    /// <summary>"30/11" for chart axes.</summary>
    public static string ShortDate(LocalDate date) =>
        LocalDatePattern.Create(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "es" ? "dd/MM" : "MM/dd", CultureInfo.CurrentCulture).Format(date);

    /// <summary>"lun", "Mon": a weekday as a heatmap row names it.</summary>
    public static string ShortDay(IsoDayOfWeek day)
    {
        var name = CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(NodaTime.Utility.BclConversions.ToDayOfWeek(day)).TrimEnd('.');
        return name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.CurrentCulture) + name[1..];
    }

    /// <summary>"09 h".</summary>
    public static string Hour(int hour) => hour.ToString("00", CultureInfo.InvariantCulture) + " h";

    /// <summary>Whole days and hours ("3 d 4 h"), hours and minutes under a day ("5 h 30 min"); "—" without a value.</summary>
    public static string Lead(Duration? lead)
    {
        if (lead is not { } d)
            return "—";
        if (d < Duration.Zero)
            d = Duration.Zero;
        return d.Days >= 1 ? $"{d.Days} d {d.Hours} h" : d.Hours >= 1 ? $"{d.Hours} h {d.Minutes} min" : $"{d.Minutes} min";
    }

    /// <summary>"4,5 h" of booked or available minutes ("45 min" under an hour): short enough for a phone's table.</summary>
    public static string Minutes(int minutes) =>
        minutes >= 60 ? (minutes / 60.0).ToString("#,0.#", CultureInfo.CurrentCulture) + " h" : $"{minutes} min";

    /// <summary>The change of a count or an amount: relative to the previous one; "nuevo" (<paramref name="newText"/>) from zero.</summary>
    public static FigureChange Change(decimal current, decimal previous, string newText)
    {
        if (current == previous)
            return new(ChangeDirection.Same, "0 %");
        var direction = current > previous ? ChangeDirection.Up : ChangeDirection.Down;
        if (previous == 0)
            return new(direction, newText);
        var relative = (double)(Math.Abs(current - previous) / Math.Abs(previous));
        return new(direction, (relative * 100).ToString("0.#", CultureInfo.CurrentCulture) + " %");
    }

    /// <summary>The change of a rate in percentage points ("2,1 p.p."); null when either period has no rate.</summary>
    public static FigureChange? RateChange(double? current, double? previous, string pointsSuffix)
    {
        if (current is not { } c || previous is not { } p)
            return null;
        var points = Math.Round((c - p) * 100, 1);
        var direction = points > 0 ? ChangeDirection.Up : points < 0 ? ChangeDirection.Down : ChangeDirection.Same;
        return new(direction, Math.Abs(points).ToString("0.#", CultureInfo.CurrentCulture) + " " + pointsSuffix);
    }

    /// <summary>The change of a duration (lead time), relative; null when either period has none.</summary>
    public static FigureChange? DurationChange(Duration? current, Duration? previous, string newText) =>
        current is { } c && previous is { } p ? Change((decimal)c.TotalMinutes, (decimal)p.TotalMinutes, newText) : null;
}
