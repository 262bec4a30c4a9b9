using System.Globalization;
using System.Text;
using BarberPro.Domain.Bookings;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Features.MyBookings;

/// <summary>An RFC 5545 .ics with one event, for "add to my calendar".</summary>
public static class CalendarFile
{
    public static string Build(MyBookingsQueries.Line booking, Instant now)
    {
        var text = new StringBuilder();
        void Line(string value)
        {
            // Fold at 75 octets as the RFC asks (continuation lines start with a space).
            var bytes = Encoding.UTF8.GetBytes(value);
            if (bytes.Length <= 75)
            {
                text.Append(value).Append("\r\n");
                return;
            }
            var current = new StringBuilder();
            var size = 0;
            foreach (var rune in value.EnumerateRunes())
            {
                var length = rune.Utf8SequenceLength;
                if (size + length > 74)
                {
                    text.Append(current).Append("\r\n ");
                    current.Clear();
                    size = 1;
                }
                current.Append(rune.ToString());
                size += length;
            }
            text.Append(current).Append("\r\n");
        }

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//BarberPro//Turnos//ES");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("BEGIN:VEVENT");
        Line($"UID:{booking.Id}@barberpro");
        Line($"DTSTAMP:{Utc(now)}");
        Line($"DTSTART:{Utc(booking.Start)}");
        Line($"DTEND:{Utc(booking.End)}");
        Line($"SUMMARY:{Escape(Summary(booking))}");
        if (booking.ShopAddress is not null)
            Line($"LOCATION:{Escape(booking.ShopAddress)}");
        Line($"DESCRIPTION:{Escape(Description(booking, now))}");
        Line("BEGIN:VALARM");
        Line("ACTION:DISPLAY");
        Line("DESCRIPTION:Recordatorio de turno");
        Line("TRIGGER:-PT2H");
        Line("END:VALARM");
        Line("END:VEVENT");
        Line("END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>The event's title (also a series' <see cref="SeriesCalendarFile"/>).</summary>
    internal static string Summary(MyBookingsQueries.Line booking) => $"{booking.Offering} con {booking.Provider} — {booking.ShopName}";

    /// <summary>The event's description: where, and until when it can be changed.</summary>
    internal static string Description(MyBookingsQueries.Line booking, Instant now) => $"Turno en {booking.ShopName}. {ChangeNote(booking, now)}";

    /// <summary>The real deadline, as the lifecycle table sets it; or, once it has passed, whom to call.</summary>
    private static string ChangeNote(MyBookingsQueries.Line booking, Instant now)
    {
        if (BookingLifecycle.CanCustomerChange(booking.Start, now, booking.CancellationWindow))
        {
            var deadline = booking.ChangeDeadline.InZone(booking.Zone).LocalDateTime;
            return $"Podés cancelar o reprogramar desde Mis turnos hasta el {DeadlinePattern.Format(deadline)}.";
        }
        return booking.ShopPhone is { } phone
            ? $"Para cancelarlo o cambiarlo, comunicate con el local: {phone}."
            : "Para cancelarlo o cambiarlo, comunicate con el local.";
    }

    private static readonly LocalDateTimePattern DeadlinePattern =
        LocalDateTimePattern.Create("dddd d 'de' MMMM, HH:mm", CultureInfo.GetCultureInfo("es-AR"));

    private static string Utc(Instant instant) => instant.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");
}
