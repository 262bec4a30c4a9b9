using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.Utility;

namespace BarberPro.Web.Features.Owner;

/// <summary>Wall-clock values as the owner pages show and read them (browser time and date inputs use ISO text).</summary>
public static class OwnerFormat
{
    private static readonly LocalTimePattern InputTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern InputTimeSeconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");
    private static readonly LocalDatePattern InputDate = LocalDatePattern.CreateWithInvariantCulture("uuuu-MM-dd");
    private static readonly LocalDateTimePattern InputDateTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");
    private static readonly LocalDateTimePattern InputDateTimeSeconds = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss");

    public static string TimeInput(LocalTime time) => InputTime.Format(time);

    public static LocalTime? ParseTime(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        var result = InputTime.Parse(text);
        if (!result.Success)
            result = InputTimeSeconds.Parse(text);
        return result.Success ? result.Value : null;
    }

    public static string DateInput(LocalDate date) => InputDate.Format(date);

    public static LocalDate? ParseDate(string? text)
    {
        var result = InputDate.Parse(text?.Trim() ?? "");
        return result.Success ? result.Value : null;
    }

    public static string DateTimeInput(LocalDateTime value) => InputDateTime.Format(value);

    public static LocalDateTime? ParseDateTime(string? text)
    {
        text = text?.Trim() ?? "";
        var result = InputDateTime.Parse(text);
        if (!result.Success)
            result = InputDateTimeSeconds.Parse(text);
        return result.Success ? result.Value : null;
    }

    /// <summary>"lun 8 dic 10:00", with the year when it is not <paramref name="currentYear"/>.</summary>
    public static string DateTime(LocalDateTime value, int currentYear) =>
        LocalDateTimePattern.Create(value.Year == currentYear ? "ddd d MMM HH:mm" : "ddd d MMM uuuu HH:mm", CultureInfo.CurrentCulture).Format(value);

    /// <summary>"martes 8 de diciembre", with the year when it is not <paramref name="currentYear"/>.</summary>
    public static string LongDate(LocalDate date, int currentYear)
    {
        if (date.Year == currentYear)
            return Components.Formatting.LongDate(date);
        var spanish = CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "es";
        return LocalDatePattern.Create(spanish ? "dddd d 'de' MMMM 'de' uuuu" : "dddd, MMMM d, uuuu", CultureInfo.CurrentCulture).Format(date);
    }

    /// <summary>"Argentina/Buenos Aires (UTC-3)": a zone as a person reads it, with its offset at <paramref name="now"/>.</summary>
    public static string TimeZone(string zoneId, Instant now)
    {
        var name = (zoneId.StartsWith("America/", StringComparison.Ordinal) ? zoneId["America/".Length..] : zoneId).Replace('_', ' ');
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not { } zone)
            return name;
        var offset = zone.GetUtcOffset(now);
        var text = offset.Seconds % 3600 == 0
            ? (offset.Seconds / 3600).ToString("+0;-0;+0", CultureInfo.InvariantCulture)
            : OffsetPattern.CreateWithInvariantCulture("+H:mm").Format(offset);
        return $"{name} (UTC{text})";
    }

    /// <summary>"lunes", "Monday": the weekday in the UI language.</summary>
    public static string DayName(IsoDayOfWeek day)
    {
        var name = CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(BclConversions.ToDayOfWeek(day));
        return name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.CurrentCulture) + name[1..];
    }

    /// <summary>"DR" for "Diego Rodríguez", "D" for "Diego".</summary>
    public static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpper(w[0], CultureInfo.CurrentCulture)));
}
