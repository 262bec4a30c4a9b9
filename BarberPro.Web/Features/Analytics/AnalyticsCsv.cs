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

    /// <summary>
    /// The report's headline figures, this period against the previous one, in the Argentine format (for Excel): one
    /// row per figure, then each barber's occupancy. Counts as integers, pesos with two decimals, rates as "10,8%".
    /// </summary>
    public static async Task WriteSummaryAsync(Stream output, AnalyticsReport report, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, Options(CsvFormat.Argentine), leaveOpen: true);
        var previous = report.Query.Previous();
        csv.WriteHeader(["Dato", $"{ArDate.Format(report.Query.From)} al {ArDate.Format(report.Query.To)}", $"{ArDate.Format(previous.From)} al {ArDate.Format(previous.To)}"]);
        var (c, p) = (report.Current, report.Previous);
        async Task Row(string name, string current, string before)
        {
            csv.WriteField(name);
            csv.WriteField(current);
            csv.WriteField(before);
            await csv.EndRecordAsync(ct);
        }
        Task Count(string name, int current, int before) => Row(name, current.ToString(CultureInfo.InvariantCulture), before.ToString(CultureInfo.InvariantCulture));
        Task Money(string name, decimal? current, decimal? before) => Row(name, Amount(current), Amount(before));
        Task Rate(string name, double? current, double? before) => Row(name, Percent(current), Percent(before));

        await Count("Turnos reservados", c.Bookings.Made, p.Bookings.Made);
        await Count("Atendidos", c.Bookings.Completed, p.Bookings.Completed);
        await Count("Cancelados por el cliente", c.Bookings.CancelledByCustomer, p.Bookings.CancelledByCustomer);
        await Count("Cancelados por el local", c.Bookings.CancelledByShop, p.Bookings.CancelledByShop);
        await Count("Cancelaciones tardías", c.Bookings.LateCancellations, p.Bookings.LateCancellations);
        await Count("Ausentes", c.Bookings.NoShows, p.Bookings.NoShows);
        await Rate("Tasa de cancelación", c.Bookings.CancellationRate, p.Bookings.CancellationRate);
        await Rate("Tasa de ausentes", c.Bookings.NoShowRate, p.Bookings.NoShowRate);
        await Money("Ingresos", c.Revenue.Completed, p.Revenue.Completed);
        await Money("Ingresos esperados", c.Revenue.Expected, p.Revenue.Expected);
        await Money("Ticket promedio", c.Revenue.AverageTicket, p.Revenue.AverageTicket);
        await Count("Clientes nuevos", c.Clients.New, p.Clients.New);
        await Count("Clientes que volvieron", c.Clients.Returning, p.Clients.Returning);
        await Count("Ya tienen otro turno", c.Clients.Rebooked, p.Clients.Rebooked);
        await Count("Sin cuenta (cargados por el local)", c.Clients.WalkIns, p.Clients.WalkIns);
        await Rate("Ocupación", c.OccupancyRate, p.OccupancyRate);
        await Row("Anticipación promedio (horas)", Hours(c.AverageLeadTime), Hours(p.AverageLeadTime));
        await Rate("Reservados por el cliente online", c.OnlineShare, p.OnlineShare);
        foreach (var o in report.Occupancy)
            await Row($"Ocupación de {o.Name}", Percent(o.Rate), "");
        await csv.FlushAsync(ct);
    }

    private static string Amount(decimal? amount) => amount is { } a ? a.ToString("0.00", Argentina) : "";

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", Argentina) + "%" : "";

    private static string Hours(Duration? lead) => lead is { } d ? d.TotalHours.ToString("0.#", Argentina) : "";

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
