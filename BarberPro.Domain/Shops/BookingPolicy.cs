using BarberPro.Domain.Common;
using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>
/// A shop's booking rules. All spans are whole minutes.
/// </summary>
/// <param name="CancellationWindow">A customer may cancel or reschedule only while more than this remains before the start.</param>
/// <param name="MinimumNotice">No slot starts sooner than this after "now".</param>
/// <param name="HorizonDays">The last bookable local date is today (in the shop's zone) plus this many days.</param>
/// <param name="SlotStep">Distance between offered start times, counted from the start of each working interval.</param>
public sealed record BookingPolicy(Duration CancellationWindow, Duration MinimumNotice, int HorizonDays, Duration SlotStep)
{
    /// <summary>How many months ahead a recurring series may reach (its own horizon, longer than <see cref="HorizonDays"/>); 6 by default.</summary>
    public int SeriesHorizonMonths { get; init; } = 6;

    /// <summary>Hours before the start of the first reminder (24 by default; 0 = none).</summary>
    public int FirstReminderHours { get; init; } = 24;

    /// <summary>Hours before the start of the second reminder (2 by default; 0 = none).</summary>
    public int SecondReminderHours { get; init; } = 2;

    /// <summary>How long a slot or seat freed for the waitlist is held for the customer it is offered to; 15 minutes by default.</summary>
    public Duration WaitlistHold { get; init; } = Duration.FromMinutes(15);

    /// <summary>
    /// When true, a customer gives their DNI and their health insurance (obra social or prepaga, or "particular") before
    /// booking: the shop's record of them (<see cref="Customers.ShopCustomer"/>). A medical office's default.
    /// </summary>
    public bool RequiresPatientDetails { get; init; }

    /// <summary>24 h window, 1 h notice, 60 days ahead, a slot every 15 minutes.</summary>
    public static BookingPolicy Default { get; } =
        new(Duration.FromHours(24), Duration.FromHours(1), 60, Duration.FromMinutes(15));

    /// <summary>Returns the first rule this policy breaks, or null when it is valid.</summary>
    public DomainError? Validate()
    {
        if (!IsWholeMinutes(CancellationWindow) || CancellationWindow < Duration.Zero || CancellationWindow > Duration.FromDays(30))
            return new("policy.cancellation_window", "La ventana de cancelación debe estar entre 0 minutos y 30 días, en minutos enteros.", nameof(CancellationWindow));
        if (!IsWholeMinutes(MinimumNotice) || MinimumNotice < Duration.Zero || MinimumNotice > Duration.FromDays(30))
            return new("policy.minimum_notice", "La anticipación mínima debe estar entre 0 minutos y 30 días, en minutos enteros.", nameof(MinimumNotice));
        if (HorizonDays is < 1 or > 366)
            return new("policy.horizon", "Se puede reservar con hasta 1 a 366 días de anticipación.", nameof(HorizonDays));
        if (!IsWholeMinutes(SlotStep) || SlotStep < Duration.FromMinutes(5) || SlotStep > Duration.FromHours(4))
            return new("policy.slot_step", "El intervalo entre turnos debe estar entre 5 minutos y 4 horas.", nameof(SlotStep));
        if (FirstReminderHours is < 0 or > 168 || SecondReminderHours is < 0 or > 168)
            return new("policy.reminders", "Los recordatorios van de 0 (ninguno) a 168 horas antes del turno.", nameof(FirstReminderHours));
        if (SeriesHorizonMonths is < 1 or > 24)
            return new("policy.series_horizon", "Las series pueden llegar de 1 a 24 meses adelante.", nameof(SeriesHorizonMonths));
        if (!IsWholeMinutes(WaitlistHold) || WaitlistHold < Duration.FromMinutes(5) || WaitlistHold > Duration.FromHours(24))
            return new("policy.waitlist_hold", "La reserva para la lista de espera debe durar entre 5 minutos y 24 horas.", nameof(WaitlistHold));
        return null;
    }

    internal static bool IsWholeMinutes(Duration d) => d.BclCompatibleTicks % NodaConstants.TicksPerMinute == 0;
}
