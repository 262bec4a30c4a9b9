using System.Globalization;
using BarberPro.Domain.Analytics;
using BarberPro.Domain.Bookings;
using CsvHelper;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Features.Analytics;

/// <summary>
/// The bookings behind the figures as CSV. <see cref="CsvFormat.Argentine"/> (the default) is what Excel in Argentina
/// opens right: semicolons, "," decimals, dd/MM/yyyy and HH:mm, Spanish headers and statuses, UTF-8 with a byte order
/// mark. <see cref="CsvFormat.Plain"/> is for programs: commas, invariant decimals, ISO dates, English headers and the
/// API's status names. Text that a spreadsheet would run as a formula (a name starting with "=", a phone's "+") is
/// written with a leading apostrophe, so it shows as text.
/// </summary>
public static class AnalyticsCsv
{
    /// <summary>The query-string value (<c>?formato=</c>) of the plain format; anything else is the Argentine one.</summary>
    public const string PlainKey = "simple";

    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CultureInfo Argentina = CultureInfo.GetCultureInfo("es-AR");

    public static readonly IReadOnlyList<string> ArgentineHeaders =
    [
        "Turno", "Fecha", "Hora", "Reservado el", "Profesional", "Servicio", "Cliente", "Teléfono", "Estado", "Reservado por",
        "Cancelado por", "Cancelación tardía", "Precio", "Minutos",
    ];

    public static readonly IReadOnlyList<string> PlainHeaders =
    [
        "bookingId", "date", "time", "createdAt", "provider", "service", "customer", "customerPhone", "status", "madeBy",
        "cancelledBy", "cancelledLate", "price", "minutes",
    ];

    public static CsvFormat FormatOf(string? key) => string.Equals(key?.Trim(), PlainKey, StringComparison.OrdinalIgnoreCase) ? CsvFormat.Plain : CsvFormat.Argentine;

    public static CsvWriterOptions Options(CsvFormat format) => format == CsvFormat.Argentine
        ? new CsvWriterOptions { Separator = ';', FormatProvider = Argentina, WriteByteOrderMark = true, Injection = CsvInjection.Escape }
        : new CsvWriterOptions { Separator = ',', FormatProvider = CultureInfo.InvariantCulture, WriteByteOrderMark = false, Injection = CsvInjection.Escape };

    /// <summary>Writes the header and every row to <paramref name="output"/> as they come, flushing as the buffer fills.</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AnalyticsBookingRow> rows, CsvFormat format, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, Options(format), leaveOpen: true);
        csv.WriteHeader(format == CsvFormat.Argentine ? [.. ArgentineHeaders] : [.. PlainHeaders]);
        var ar = format == CsvFormat.Argentine;
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.BookingId.ToString());
            csv.WriteField(ar ? ArDate.Format(row.Start.Date) : LocalDatePattern.Iso.Format(row.Start.Date));
            csv.WriteField(Time.Format(row.Start.TimeOfDay));
            csv.WriteField(ar ? ArDateTime.Format(row.CreatedAt) : IsoDateTime.Format(row.CreatedAt));
            csv.WriteField(row.Provider);
            csv.WriteField(row.Service);
            csv.WriteField(row.Customer);
            csv.WriteField(row.CustomerPhone ?? "");
            csv.WriteField(ar ? StatusText(row.Status) : Camel(row.Status.ToString()));
            csv.WriteField(ar ? RoleText(row.MadeBy) : Camel(row.MadeBy.ToString()));
            csv.WriteField(row.CancelledBy is { } by ? (ar ? RoleText(by) : Camel(by.ToString())) : "");
            csv.WriteField(ar ? (row.CancelledLate ? "Sí" : "No") : (row.CancelledLate ? "true" : "false"));
            csv.WriteField(row.Price.ToString("0.00", ar ? Argentina : CultureInfo.InvariantCulture));
            csv.WriteField(row.Minutes.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static readonly LocalDatePattern ArDate = LocalDatePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu");
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDateTimePattern ArDateTime = LocalDateTimePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu HH':'mm");
    private static readonly LocalDateTimePattern IsoDateTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static string StatusText(BookingStatus status) => status switch
    {
        BookingStatus.Pending => "Pendiente",
        BookingStatus.Confirmed => "Confirmado",
        BookingStatus.Completed => "Atendido",
        BookingStatus.Cancelled => "Cancelado",
        BookingStatus.NoShow => "Ausente",
        _ => status.ToString(),
    };

    public static string RoleText(ActorRole role) => role switch
    {
        ActorRole.Customer => "Cliente",
        ActorRole.Provider => "Profesional",
        ActorRole.Owner => "Dueño",
        ActorRole.Admin => "Administración",
        _ => role.ToString(),
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

public enum CsvFormat
{
    Argentine,
    Plain,
}
