using System.Globalization;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Components;

/// <summary>Dates, money and phones as people in Argentina read them (in the current UI culture).</summary>
public static class Formatting
{
    /// <summary>"$ 12.000" (no cents when whole), "$ 12.500,50" otherwise. Always pesos, always Argentine digits (<see cref="Ars"/>).</summary>
    public static string Money(decimal amount) => Ars.Format(amount);

    /// <summary>"mar 8 dic, 10:00" in the shop's zone.</summary>
    public static string DateTime(Instant instant, DateTimeZone zone) =>
        LocalDateTimePattern.Create("ddd d MMM, HH:mm", CultureInfo.CurrentCulture).Format(instant.InZone(zone).LocalDateTime);

    /// <summary>"12 nov 2026" in the shop's zone.</summary>
    public static string Date(Instant instant, DateTimeZone zone) =>
        LocalDatePattern.Create("d MMM uuuu", CultureInfo.CurrentCulture).Format(instant.InZone(zone).Date);

    /// <summary>"10:00" in the shop's zone.</summary>
    public static string Time(Instant instant, DateTimeZone zone) =>
        LocalTimePattern.Create("HH:mm", CultureInfo.CurrentCulture).Format(instant.InZone(zone).TimeOfDay);

    /// <summary>"martes 8 de diciembre".</summary>
    public static string LongDate(LocalDate date) =>
        LocalDatePattern.Create(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "es" ? "dddd d 'de' MMMM" : "dddd, MMMM d", CultureInfo.CurrentCulture).Format(date);

    public static string Minutes(Duration duration) => $"{duration.TotalMinutes:0} min";

    /// <summary>A visit's length: "45 min", "1 h", "1 h 30 min".</summary>
    public static string Length(Duration duration)
    {
        var minutes = (long)duration.TotalMinutes;
        return minutes < 60 ? $"{minutes} min" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
    }

    public static string Phone(string e164) => ArgentinePhone.Format(e164);
}
