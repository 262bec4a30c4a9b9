using BarberPro.Domain.Common;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>
/// The one table that decides who may do what to a booking and when. Everything that changes a booking's
/// status (the UI, the API, jobs) asks <see cref="Decide"/>; nothing else encodes these rules.
/// </summary>
public static class BookingLifecycle
{
    private enum Timing
    {
        /// <summary>Customers only while more than the cancellation window remains; staff at any time.</summary>
        CustomerBeforeWindow,
        /// <summary>Only once the appointment has started.</summary>
        AfterStart,
        Anytime,
    }

    private sealed record Rule(BookingStatus To, ActorRole[] Roles, Timing Timing);

    private static readonly ActorRole[] Staff = [ActorRole.Provider, ActorRole.Owner, ActorRole.Admin];
    private static readonly ActorRole[] Everyone = [ActorRole.Customer, ActorRole.Provider, ActorRole.Owner, ActorRole.Admin];

    /// <summary>(from, action) → rule. A pair that is missing is not allowed for anyone.</summary>
    private static readonly Dictionary<(BookingStatus, BookingAction), Rule> Table = new()
    {
        // A customer confirms their own pending booking by answering a reminder ("Confirmo", "SI").
        [(BookingStatus.Pending, BookingAction.Confirm)] = new(BookingStatus.Confirmed, Everyone, Timing.Anytime),

        [(BookingStatus.Pending, BookingAction.Cancel)] = new(BookingStatus.Cancelled, Everyone, Timing.CustomerBeforeWindow),
        [(BookingStatus.Confirmed, BookingAction.Cancel)] = new(BookingStatus.Cancelled, Everyone, Timing.CustomerBeforeWindow),

        [(BookingStatus.Pending, BookingAction.Reschedule)] = new(BookingStatus.Pending, Everyone, Timing.CustomerBeforeWindow),
        [(BookingStatus.Confirmed, BookingAction.Reschedule)] = new(BookingStatus.Confirmed, Everyone, Timing.CustomerBeforeWindow),

        [(BookingStatus.Pending, BookingAction.Complete)] = new(BookingStatus.Completed, Staff, Timing.AfterStart),
        [(BookingStatus.Confirmed, BookingAction.Complete)] = new(BookingStatus.Completed, Staff, Timing.AfterStart),

        [(BookingStatus.Pending, BookingAction.MarkNoShow)] = new(BookingStatus.NoShow, Staff, Timing.AfterStart),
        [(BookingStatus.Confirmed, BookingAction.MarkNoShow)] = new(BookingStatus.NoShow, Staff, Timing.AfterStart),
    };

    /// <summary>
    /// Decides whether <paramref name="role"/> may apply <paramref name="action"/> to a booking in status
    /// <paramref name="from"/> that starts at <paramref name="start"/>, at <paramref name="now"/>.
    /// Returns the status the booking moves to, or the reason it may not.
    /// </summary>
    public static LifecycleDecision Decide(BookingStatus from, BookingAction action, ActorRole role,
        Instant start, Instant now, Duration cancellationWindow)
    {
        if (!Table.TryGetValue((from, action), out var rule))
            return LifecycleDecision.Refuse(InvalidTransition(from, action));
        if (!rule.Roles.Contains(role))
            return LifecycleDecision.Refuse(new("booking.forbidden_action", $"No podés {Verb(action)} este turno."));

        switch (rule.Timing)
        {
            case Timing.CustomerBeforeWindow when role == ActorRole.Customer && !CanCustomerChange(start, now, cancellationWindow):
                return LifecycleDecision.Refuse(new("booking.cancellation_window",
                    $"Ya no podés {Verb(action)} este turno: se puede hasta {Hours(cancellationWindow)} antes. Comunicate con el local."));
            case Timing.AfterStart when now < start:
                return LifecycleDecision.Refuse(new("booking.not_started",
                    $"Todavía no podés {Verb(action)} este turno: no empezó."));
            default:
                return LifecycleDecision.Allow(rule.To);
        }
    }

    /// <summary>
    /// The last moment (inclusive) at which a customer may still cancel or reschedule a booking that starts at
    /// <paramref name="start"/>: the start minus the shop's cancellation window.
    /// </summary>
    public static Instant CustomerChangeDeadline(Instant start, Duration cancellationWindow) => start - cancellationWindow;

    /// <summary>
    /// Whether, at <paramref name="now"/>, a customer is still before the deadline to cancel or reschedule a booking
    /// that starts at <paramref name="start"/> (the status is not considered; see <see cref="AllowedActions"/>).
    /// At the deadline itself it is still allowed.
    /// </summary>
    public static bool CanCustomerChange(Instant start, Instant now, Duration cancellationWindow) =>
        now <= CustomerChangeDeadline(start, cancellationWindow);

    /// <summary>
    /// Every action <paramref name="role"/> may apply at <paramref name="now"/> to a booking in status
    /// <paramref name="status"/> that starts at <paramref name="start"/>, in <see cref="BookingAction"/> order:
    /// exactly the actions for which <see cref="Decide"/> says yes. Pages show these and nothing else.
    /// </summary>
    public static IReadOnlyList<BookingAction> AllowedActions(BookingStatus status, ActorRole role,
        Instant start, Instant now, Duration cancellationWindow) =>
        Enum.GetValues<BookingAction>()
            .Where(action => Decide(status, action, role, start, now, cancellationWindow).Allowed)
            .ToList();

    private static DomainError InvalidTransition(BookingStatus from, BookingAction action) =>
        new("booking.invalid_transition", $"No se puede {Verb(action)} un turno {StatusName(from)}.");

    internal static string Verb(BookingAction action) => action switch
    {
        BookingAction.Confirm => "confirmar",
        BookingAction.Cancel => "cancelar",
        BookingAction.Reschedule => "reprogramar",
        BookingAction.Complete => "marcar como atendido",
        BookingAction.MarkNoShow => "marcar como ausente",
        _ => action.ToString(),
    };

    internal static string StatusName(BookingStatus status) => status switch
    {
        BookingStatus.Pending => "pendiente",
        BookingStatus.Confirmed => "confirmado",
        BookingStatus.Completed => "ya atendido",
        BookingStatus.Cancelled => "cancelado",
        BookingStatus.NoShow => "marcado como ausente",
        _ => status.ToString(),
    };

    private static string Hours(Duration window) =>
        window.TotalHours >= 1 && window.TotalHours % 1 == 0
            ? $"{window.TotalHours:0} {(window.TotalHours == 1 ? "hora" : "horas")}"
            : $"{window.TotalMinutes:0} minutos";
}

/// <summary>The lifecycle table's answer: allowed with the next status, or refused with a reason.</summary>
public readonly record struct LifecycleDecision(bool Allowed, BookingStatus To, DomainError? Error)
{
    public static LifecycleDecision Allow(BookingStatus to) => new(true, to, null);
    public static LifecycleDecision Refuse(DomainError error) => new(false, default, error);
}
