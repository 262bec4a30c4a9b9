using System.Globalization;
using System.Text.Json;
using BarberPro.Domain.Common;
using BarberPro.Domain.Shops;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Domain.Notifications;

/// <summary>What a message says about: everything a template may show, already read from the database.</summary>
public sealed record MessageFacts
{
    public required Vertical Vertical { get; init; }
    public required string ShopName { get; init; }
    public string? ShopAddress { get; init; }
    public string? ShopPhone { get; init; }
    public string CustomerName { get; init; } = "";
    public string ProviderName { get; init; } = "";
    public string ServiceName { get; init; } = "";
    /// <summary>The appointment's start on the shop's wall clock.</summary>
    public LocalDateTime? When { get; init; }
    /// <summary>The booking's earlier start (a move): shown as "antes: …".</summary>
    public LocalDateTime? PreviousWhen { get; init; }
    public decimal? Price { get; init; }
    /// <summary>The booking the link opens; null links to the list of the customer's bookings.</summary>
    public Guid? BookingId { get; init; }
    /// <summary>The reason the shop gave for a cancellation.</summary>
    public string? Reason { get; init; }
    /// <summary>Until when a waitlist offer holds, on the shop's wall clock.</summary>
    public LocalDateTime? Deadline { get; init; }
    /// <summary>Every date of a series, on the shop's wall clock.</summary>
    public IReadOnlyList<LocalDateTime> Dates { get; init; } = [];
    /// <summary>For staff: what the customer did ("reservó", "movió", "canceló").</summary>
    public string? Change { get; init; }
}

/// <summary>A rendered message: an email's subject and text (and HTML), or a WhatsApp template's name and parameters.</summary>
public sealed record MessageContent(string Subject, string Text, string Html, string Template, string Parameters);

/// <summary>
/// The Spanish (es-AR) texts of every booking message, per vertical. The texts are data: one table of words per vertical
/// (<see cref="Words"/>: greeting, the mark of the service line…) and one table of texts per kind with placeholders
/// (<c>{shop}</c>, <c>{when}</c>…), so a new vertical is a new row of words (or its own texts for a kind), no code.
/// Dates read as Argentines write them ("martes 9 de diciembre, 17:30"), money with <see cref="Ars"/>.
/// </summary>
public sealed class NotificationTemplates(NotificationOptions options)
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-AR");
    private static readonly LocalDateTimePattern WhenPattern = LocalDateTimePattern.Create("dddd d 'de' MMMM, HH:mm", Spanish);
    private static readonly LocalDateTimePattern ShortPattern = LocalDateTimePattern.Create("dddd d 'de' MMMM", Spanish);
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.Create("HH:mm", Spanish);

    /// <summary>
    /// The words a vertical uses: its appointment, how it greets, the mark of the line that says what and with whom.
    /// The appointment is "turno" in every vertical, as the pages say it ("Mis turnos", "Reservar turno"): a message's
    /// link leads there. What is booked is the service's own name ("Sesión individual", "Consulta").
    /// </summary>
    public sealed record Words(string Appointment, string AppointmentPlural, string WithWhom, string Hello, string ServiceMark);

    public static readonly IReadOnlyDictionary<Vertical, Words> VerticalWords = new Dictionary<Vertical, Words>
    {
        [Vertical.Barber] = new("turno", "turnos", "con", "¡Hola {customer}!", "💈"),
        [Vertical.Psychologist] = new("turno", "turnos", "con", "Hola {customer}.", "💬"),
        [Vertical.Doctor] = new("turno", "turnos", "con", "Hola {customer}.", "🩺"),
    };

    /// <summary>A kind's subject and text, with placeholders.</summary>
    public sealed record Text(string Subject, string Body);

    /// <summary>The texts shared by every vertical (their words fill <c>{appointment}</c>).</summary>
    public static readonly IReadOnlyDictionary<NotificationKind, Text> Texts = new Dictionary<NotificationKind, Text>
    {
        [NotificationKind.BookingConfirmed] = new(
            "Tu {appointment} en {shop}: {when}",
            "{hello} Reservamos tu {appointment} en {shop}.\n{details}\nGestioná tu {appointment}: {link}"),
        [NotificationKind.BookingMoved] = new(
            "{shop} cambió tu {appointment}: ahora {when}",
            "{hello} {shop} cambió el horario de tu {appointment}.\nAhora: {when} (antes: {previous}).\n{details}\nSi no te queda bien, gestioná tu {appointment}: {link}"),
        [NotificationKind.BookingCancelled] = new(
            "{shop} canceló tu {appointment} del {when}",
            "{hello} {shop} canceló tu {appointment} del {when} {with} {provider}.{reason}\nPodés reservar otro horario en {link}"),
        [NotificationKind.Reminder] = new(
            "Recordatorio: tu {appointment} en {shop}, {when}",
            "{hello} Te recordamos tu {appointment} en {shop}.\n{details}\nRespondé CONFIRMO o CANCELAR.\nGestioná tu {appointment}: {link}"),
        [NotificationKind.WaitlistOffered] = new(
            "Se liberó un lugar en {shop}: {when}",
            "{hello} Se liberó un lugar en {shop} para {service} {with} {provider}: {when}.\nTe lo guardamos hasta las {deadline}. Reservalo en {link}"),
        [NotificationKind.SessionCancelled] = new(
            "{shop} suspendió la clase del {when}",
            "{hello} {shop} suspendió {service} del {when} {with} {provider}; tu lugar quedó cancelado.{reason}\nPodés elegir otra fecha en {link}"),
        [NotificationKind.SeriesCreated] = new(
            "Tus {appointments} en {shop}",
            "{hello} Reservaste {count} {appointments} de {service} {with} {provider} en {shop}:\n{dates}\n{place}Gestioná tus {appointments}: {link}"),
        [NotificationKind.StaffAgendaChanged] = new(
            "{customer} {change} un {appointment}: {when}",
            "{customer} {change} un {appointment} de {service} en tu agenda: {when}.\nVer tu agenda: {agenda}"),
    };

    /// <summary>Texts one vertical says its own way (none yet): looked up before <see cref="Texts"/>.</summary>
    public static readonly IReadOnlyDictionary<(Vertical, NotificationKind), Text> VerticalTexts = new Dictionary<(Vertical, NotificationKind), Text>();

    /// <summary>"martes 9 de diciembre, 17:30".</summary>
    public static string FormatWhen(LocalDateTime when) => WhenPattern.Format(when);

    /// <summary>The absolute link to manage a booking (or the list of bookings).</summary>
    /// <summary>The customer's page for choosing channels and turning reminders off (each message links to it).</summary>
    public const string PreferencesPath = "/cuenta/avisos";

    public string LinkTo(Guid? bookingId) => options.PublicBaseUrl.TrimEnd('/') + (bookingId is { } id ? $"/mis-turnos/{id}" : "/mis-turnos");

    public MessageContent Render(NotificationKind kind, MessageFacts facts)
    {
        var words = VerticalWords.TryGetValue(facts.Vertical, out var w) ? w : VerticalWords[Vertical.Barber];
        var text = VerticalTexts.TryGetValue((facts.Vertical, kind), out var own) ? own
            : Texts.TryGetValue(kind, out var shared) ? shared
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No template for this kind of message.");

        var when = facts.When is { } at ? FormatWhen(at) : "";
        var place = facts.ShopAddress is { Length: > 0 } address ? $"{facts.ShopName}, {address}" : facts.ShopName;
        var details = string.Join("\n", new[]
        {
            $"📅 {when}",
            facts.ProviderName.Length > 0 ? $"{words.ServiceMark} {facts.ServiceName} {words.WithWhom} {facts.ProviderName}" : null,
            $"📍 {place}",
            facts.Price is { } price ? $"💲 {Ars.Format(price)}" : null,
        }.Where(l => l is not null));
        var values = new Dictionary<string, string>
        {
            ["hello"] = words.Hello,
            ["appointment"] = words.Appointment,
            ["appointments"] = words.AppointmentPlural,
            ["with"] = words.WithWhom,
            ["shop"] = facts.ShopName,
            ["customer"] = facts.CustomerName,
            ["provider"] = facts.ProviderName,
            ["service"] = facts.ServiceName,
            ["when"] = when,
            ["previous"] = facts.PreviousWhen is { } before ? FormatWhen(before) : "",
            ["details"] = details,
            ["place"] = kind == NotificationKind.SeriesCreated ? $"📍 {place}\n" : "",
            ["reason"] = facts.Reason is { Length: > 0 } reason ? $"\nMotivo: {reason}" : "",
            ["deadline"] = facts.Deadline is { } deadline
                ? (facts.When is { } start && start.Date == deadline.Date
                    ? TimePattern.Format(deadline.TimeOfDay)
                    : $"{TimePattern.Format(deadline.TimeOfDay)} del {ShortPattern.Format(deadline)}")
                : "",
            ["count"] = facts.Dates.Count.ToString(CultureInfo.InvariantCulture),
            ["dates"] = string.Join("\n", facts.Dates.Select(d => $"• {FormatWhen(d)}")),
            ["change"] = facts.Change ?? "",
            ["link"] = LinkTo(kind is NotificationKind.BookingCancelled or NotificationKind.SessionCancelled or NotificationKind.SeriesCreated
                or NotificationKind.WaitlistOffered ? null : facts.BookingId),
            ["agenda"] = options.PublicBaseUrl.TrimEnd('/') + "/agenda",
        };
        var subject = Fill(text.Subject, values);
        var body = Fill(text.Body, values);
        if (kind != NotificationKind.StaffAgendaChanged)
            body += $"\n\nPara dejar de recibir estos mensajes, cambiá tus avisos en {options.PublicBaseUrl.TrimEnd('/')}{PreferencesPath}.";
        var html = HtmlOf(body);
        // WhatsApp template "barberpro_<kind>" (approved in Meta's console) with this kind's facts, in its order. A
        // template parameter may not be empty nor hold a line break.
        values["reasonText"] = facts.Reason ?? "";
        values["datesInline"] = string.Join("; ", facts.Dates.Select(FormatWhen));
        var template = "barberpro_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
        var parameters = JsonSerializer.Serialize(TemplateParameters[kind]
            .Select(name => values[name].ReplaceLineEndings(" ").Trim() is { Length: > 0 } value ? value : "—"));
        return new MessageContent(subject, body, html, template, parameters);
    }

    /// <summary>
    /// What each kind's WhatsApp template takes, in order ({{1}}, {{2}}…), by the names of the values the texts use: data,
    /// like the texts (docs/API.md lists them for whoever registers the templates with Meta).
    /// </summary>
    public static readonly IReadOnlyDictionary<NotificationKind, string[]> TemplateParameters = new Dictionary<NotificationKind, string[]>
    {
        [NotificationKind.BookingConfirmed] = ["customer", "shop", "when", "provider", "link"],
        [NotificationKind.Reminder] = ["customer", "shop", "when", "provider", "link"],
        [NotificationKind.BookingMoved] = ["customer", "shop", "when", "previous", "provider", "link"],
        [NotificationKind.BookingCancelled] = ["customer", "shop", "when", "reasonText", "link"],
        [NotificationKind.SessionCancelled] = ["customer", "shop", "when", "reasonText", "link"],
        [NotificationKind.WaitlistOffered] = ["customer", "shop", "when", "deadline", "link"],
        [NotificationKind.SeriesCreated] = ["customer", "shop", "count", "datesInline", "provider", "link"],
        [NotificationKind.StaffAgendaChanged] = ["provider", "customer", "change", "when", "agenda"],
    };

    /// <summary>An email's HTML body from its text: encoded, lines as line breaks, blank lines as paragraphs.</summary>
    public static string HtmlOf(string text) =>
        "<p>" + string.Join("<br>", text.Split('\n').Select(System.Net.WebUtility.HtmlEncode)).Replace("<br><br>", "</p><p>", StringComparison.Ordinal) + "</p>";

    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var result = template;
        foreach (var (name, value) in values)
            result = result.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return result;
    }
}
