using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
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
    /// The database was too busy to take the write within the busy timeout (other writers, a lock held by another
    /// process, or the agenda changing under every retry); nothing was written, and trying again soon may work.
    /// </summary>
    public sealed record Busy(DomainError Error) : BookingOutcome;

    /// <summary>The database cannot take writes (its file is gone, replaced or unreadable); nothing was written.</summary>
    public sealed record Unavailable(DomainError Error) : BookingOutcome;

    /// <summary>The outcome for a write the database could not take.</summary>
    public static BookingOutcome Of(DatabaseFault fault) =>
        fault == DatabaseFault.Busy ? new Busy(DatabaseFaults.ErrorFor(fault)) : new Unavailable(DatabaseFaults.ErrorFor(fault));

    /// <summary>Why nothing was written (Spanish message), or null when the request succeeded.</summary>
    public DomainError? Refusal => this switch
    {
        Succeeded => null,
        Conflict c => c.Error,
        Rejected r => r.Error,
        Busy b => b.Error,
        Unavailable u => u.Error,
        _ => new DomainError("booking.not_found", "No encontramos ese turno, profesional o servicio."),
    };
}

/// <summary>A request to book <paramref name="OfferingId"/> with <paramref name="ProviderId"/> at <paramref name="Start"/>.</summary>
/// <param name="CustomerId">Who the booking is for; staff must give it (walk-ins), customers book for themselves and may leave it null.</param>
/// <param name="Patient">DNI and health insurance for a shop that asks for them (<see cref="Customers.PatientRecords"/>); null otherwise.</param>
/// <param name="MoreOfferingIds">The services that follow <paramref name="OfferingId"/> in the same visit, in order (<see cref="Catalog.Visit"/>); none for one service.</param>
public sealed record NewBooking(Guid ProviderId, Guid OfferingId, Instant Start, string? Notes = null, Guid? CustomerId = null,
    Customers.PatientDetails? Patient = null, IReadOnlyList<Guid>? MoreOfferingIds = null)
{
    /// <summary>Every service of the visit, in order: <see cref="OfferingId"/> first.</summary>
    public IReadOnlyList<Guid> OfferingIds => MoreOfferingIds is { Count: > 0 } more ? [OfferingId, .. more] : [OfferingId];

    /// <summary>A request for the visit <paramref name="offeringIds"/> (in order; at least one).</summary>
    public static NewBooking ForVisit(Guid providerId, IReadOnlyList<Guid> offeringIds, Instant start, string? notes = null, Guid? customerId = null,
        Customers.PatientDetails? patient = null) =>
        new(providerId, offeringIds[0], start, notes, customerId, patient, offeringIds.Count > 1 ? offeringIds.Skip(1).ToList() : null);
}
