using BarberPro.Domain.Common;
using BarberPro.Domain.Shops;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Features.Api;

/// <summary>How the API reads and writes time: instants as ISO-8601 with an offset, dates as YYYY-MM-DD.</summary>
public static class ApiTime
{
    /// <summary>The zone used where no shop is involved (token expiry, list bounds given as dates): every shop's today.</summary>
    public static readonly DateTimeZone DefaultZone = DateTimeZoneProviders.Tzdb[Shop.DefaultTimeZoneId];

    private static readonly OffsetDateTimePattern[] InstantPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    private static readonly LocalTimePattern[] TimePatterns =
    [
        LocalTimePattern.CreateWithInvariantCulture("HH':'mm"),
        LocalTimePattern.ExtendedIso,
    ];

    public const string InstantFormatHint = "Usá ISO-8601 con zona horaria, por ejemplo 2026-12-08T10:00:00-03:00.";

    // Dates far outside any agenda are refused as unreadable: the calendar arithmetic around them (a day before,
    // two days after) must never leave NodaTime's range.
    private const int MinYear = 1900;
    private const int MaxYear = 2200;

    private static bool InRange(LocalDate date) => date.Year is >= MinYear and <= MaxYear;

    /// <summary>An instant with its offset ("2026-12-08T10:00:00-03:00" or "…Z"); any offset is accepted.</summary>
    public static bool TryParseInstant(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        foreach (var pattern in InstantPatterns)
        {
            var result = pattern.Parse(text.Trim());
            if (result.Success && InRange(result.Value.Date))
            {
                instant = result.Value.ToInstant();
                return true;
            }
        }
        return false;
    }

    public static bool TryParseDate(string? text, out LocalDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        date = result.Success ? result.Value : default;
        return result.Success && InRange(date);
    }

    public static bool TryParseTime(string? text, out LocalTime time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        foreach (var pattern in TimePatterns)
        {
            var result = pattern.Parse(text.Trim());
            if (result.Success)
            {
                time = result.Value;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A wall-clock time in <paramref name="zone"/>: "2026-12-10T10:00" as written, or an instant with an offset
    /// converted to that zone.
    /// </summary>
    public static bool TryParseLocal(string? text, DateTimeZone zone, out LocalDateTime local)
    {
        local = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (TryParseInstant(text, out var instant))
        {
            local = instant.InZone(zone).LocalDateTime;
            return true;
        }
        foreach (var pattern in LocalPatterns)
        {
            var result = pattern.Parse(text.Trim());
            if (result.Success && InRange(result.Value.Date))
            {
                local = result.Value;
                return true;
            }
        }
        return false;
    }

    /// <summary>The instant in <paramref name="zone"/>, serialized as e.g. 2026-12-08T10:00:00-03:00.</summary>
    public static DateTimeOffset Out(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToDateTimeOffset();

    /// <summary>A wall-clock time of <paramref name="zone"/> with the offset it has there.</summary>
    public static DateTimeOffset Out(LocalDateTime local, DateTimeZone zone) => ShopTime.InZone(local, zone).ToDateTimeOffset();

    public static string Out(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Out(LocalTime time) => LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Format(time);
}
