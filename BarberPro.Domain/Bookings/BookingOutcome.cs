using BarberPro.Domain.Common;
using NodaTime;

namespace BarberPro.Domain.Bookings;

/// <summary>What became of a request to create or change a booking. Callers switch on the subtype.</summary>
public abstract record BookingOutcome
{
    private BookingOutcome() { }

    /// <summary>The booking was written and committed.</summary>
    public sealed record Succeeded(Booking Booking) : BookingOutcome;

    /// <summary>The time is taken (possibly by a request that raced this one); nothing was written.</summary>
    public sealed record Conflict(DomainError Error, IReadOnlyList<Instant> Alternatives) : BookingOutcome;

    /// <summary>A rule refused the request (bad slot, lifecycle, validation); nothing was written.</summary>
    public sealed record Rejected(DomainError Error) : BookingOutcome;

    /// <summary>The booking, provider, offering or customer does not exist, or is not the actor's to see.</summary>
    public sealed record NotFound : BookingOutcome;

    /// <summary>
    /// The agenda stayed contended through every retry; nothing was written and nothing was decided (the slot may well
    /// be free). Try again after <paramref name="RetryAfterSeconds"/>: the API answers 503 with Retry-After.
    /// </summary>
    public sealed record Busy(int RetryAfterSeconds) : BookingOutcome;

    /// <summary>The error a busy agenda is reported with.</summary>
    public static readonly DomainError BusyError = new("agenda.busy", "La agenda está muy ocupada en este momento. Probá de nuevo en unos segundos.");

    /// <summary>Why nothing was written (Spanish message), or null when the request succeeded.</summary>
    public DomainError? Refusal => this switch
    {
        Succeeded => null,
        Conflict c => c.Error,
        Rejected r => r.Error,
        Busy => BusyError,
        _ => new DomainError("booking.not_found", "No encontramos ese turno, profesional o servicio."),
    };
}

/// <summary>A request to book <paramref name="OfferingId"/> with <paramref name="ProviderId"/> at <paramref name="Start"/>.</summary>
/// <param name="CustomerId">Who the booking is for; staff must give it (walk-ins), customers book for themselves and may leave it null.</param>
public sealed record NewBooking(Guid ProviderId, Guid OfferingId, Instant Start, string? Notes = null, Guid? CustomerId = null);
