using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>A service a new shop of a vertical starts with (the owner edits or removes it like any other).</summary>
public sealed record ServiceTemplate(string Name, Duration Duration, decimal Price, Duration BufferAfter, string? Description = null);

/// <summary>
/// What a vertical sets beyond its words (which live in the web app's resource files, one per vertical): the services and
/// booking policy a new shop starts with, and the rules that differ. The one place that says how a psychologist's
/// practice or a medical office differs from a barber shop; no page or service tests the vertical itself.
/// </summary>
/// <param name="PrivateNotesForProfessionalOnly">
/// A professional's private notes on a booking are read by that professional only — never by the owner or an admin
/// (health verticals). In a barber shop the shop's staff note is read by the barber and the owner.
/// </param>
/// <param name="WeeklySeriesByDefault">The wizard offers a weekly series first (therapy is weekly).</param>
public sealed record VerticalProfile(
    Vertical Vertical,
    BookingPolicy DefaultPolicy,
    IReadOnlyList<ServiceTemplate> Services,
    bool PrivateNotesForProfessionalOnly,
    bool WeeklySeriesByDefault)
{
    public static VerticalProfile For(Vertical vertical) => vertical switch
    {
        Vertical.Psychologist => Psychologist,
        Vertical.Doctor => Doctor,
        _ => Barber,
    };

    public static IReadOnlyList<VerticalProfile> All => [Barber, Psychologist, Doctor];

    public static readonly VerticalProfile Barber = new(
        Vertical.Barber,
        BookingPolicy.Default,
        [
            new("Corte", Duration.FromMinutes(30), 12000m, Duration.FromMinutes(5)),
            new("Barba", Duration.FromMinutes(20), 8000m, Duration.FromMinutes(5)),
            new("Corte + barba", Duration.FromMinutes(45), 17500m, Duration.FromMinutes(5)),
        ],
        PrivateNotesForProfessionalOnly: false,
        WeeklySeriesByDefault: false);

    /// <summary>50-minute sessions with 10 minutes between them, a 60-minute first consultation; 48 h to cancel.</summary>
    public static readonly VerticalProfile Psychologist = new(
        Vertical.Psychologist,
        new BookingPolicy(Duration.FromHours(48), Duration.FromHours(12), 90, Duration.FromMinutes(60)) { FirstReminderHours = 24, SecondReminderHours = 2 },
        [
            new("Sesión individual", Duration.FromMinutes(50), 30000m, Duration.FromMinutes(10)),
            new("Primera consulta", Duration.FromMinutes(60), 35000m, Duration.FromMinutes(10)),
        ],
        PrivateNotesForProfessionalOnly: true,
        WeeklySeriesByDefault: true);

    /// <summary>20-minute consultations, a 30-minute first visit; DNI and health insurance asked at booking.</summary>
    public static readonly VerticalProfile Doctor = new(
        Vertical.Doctor,
        new BookingPolicy(Duration.FromHours(24), Duration.FromHours(2), 60, Duration.FromMinutes(10)) { RequiresPatientDetails = true, FirstReminderHours = 24, SecondReminderHours = 3 },
        [
            new("Consulta", Duration.FromMinutes(20), 25000m, Duration.Zero),
            new("Primera consulta", Duration.FromMinutes(30), 30000m, Duration.Zero),
        ],
        PrivateNotesForProfessionalOnly: true,
        WeeklySeriesByDefault: false);
}
