using BarberPro.Domain.Bookings;
using NodaTime;

namespace BarberPro.Web.Features.Api;

// The API's request and response bodies. Instants go out as ISO-8601 with the shop's offset
// (2026-12-08T10:00:00-03:00) and come in as strings with any offset, parsed by ApiTime.

// --- Accounts ---

public sealed record RegisterRequest(string? FullName, string? Email, string? Phone, string? Password);

public sealed record AccountResponse(string UserId, string Email, string FullName, string Phone, IReadOnlyList<string> Roles);

/// <param name="Code">For staff with two-factor sign-in: the authenticator app's 6 digits or a recovery code.</param>
public sealed record TokenRequest(string? Email, string? Password, string? Code = null);

/// <summary>
/// An access token (good until <see cref="ExpiresAt"/>, 15 minutes) and a refresh token to exchange for the next pair at
/// POST /api/v1/auth/refresh before <see cref="RefreshTokenExpiresAt"/> (30 days); each refresh token works once.
/// </summary>
public sealed record TokenResponse(
    string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string UserId, IReadOnlyList<string> Roles,
    string? RefreshToken = null, DateTimeOffset? RefreshTokenExpiresAt = null);

public sealed record RefreshRequest(string? RefreshToken);

// --- Shops, services, providers ---

public sealed record ShopSummary(Guid Id, string Name, string Slug, string TimeZone, string? Address, string? Phone, string Currency, string Vertical);

/// <param name="RequiresPatientDetails">True when a customer gives a DNI and a health insurance to book (POST /api/v1/bookings, patient).</param>
public sealed record PolicyResponse(int CancellationWindowMinutes, int MinimumNoticeMinutes, int HorizonDays, int SlotStepMinutes, bool RequiresPatientDetails = false);

public sealed record ShopDetail(
    Guid Id, string Name, string Slug, string TimeZone, string? Address, string? Phone, string Currency, string Vertical,
    PolicyResponse Policy, IReadOnlyList<ServiceResponse> Services, IReadOnlyList<ProviderSummary> Providers,
    Features.Verticals.Vocabulary? Vocabulary = null);

public sealed record ServiceResponse(
    Guid Id, Guid ShopId, string Name, string? Description, int DurationMinutes, int BufferBeforeMinutes, int BufferAfterMinutes,
    decimal Price, string Currency, int Capacity, bool Active);

public sealed record ProviderSummary(Guid Id, string DisplayName, string? PhotoUrl, IReadOnlyList<Guid> ServiceIds);

/// <summary>An owner's service form; minutes are whole minutes.</summary>
public sealed record ServiceRequest(string? Name, int? DurationMinutes, decimal? Price, int? BufferBeforeMinutes, int? BufferAfterMinutes, int? Capacity, string? Description);

public sealed record ActiveRequest(bool? Active);

public sealed record CreateProviderRequest(string? FullName, string? Email, string? Phone, string? Password, IReadOnlyList<Guid>? ServiceIds);

public sealed record ProviderServicesRequest(IReadOnlyList<Guid>? ServiceIds);

/// <summary>One working interval of the week, in the shop's wall-clock time ("10:00" to "14:00").</summary>
public sealed record WorkingHoursEntry(IsoDayOfWeek Day, string Start, string End);

public sealed record WorkingHoursRequest(IReadOnlyList<WorkingHoursEntry>? Hours);

public sealed record TimeRange(string Start, string End);

/// <summary>A date's hours instead of the weekly ones; no ranges means closed that day.</summary>
public sealed record DateOverrideRequest(IReadOnlyList<TimeRange>? Ranges, string? Note);

public sealed record DateOverrideResponse(string Date, bool Closed, IReadOnlyList<TimeRange> Ranges, string? Note);

/// <summary>Start and end as shop wall-clock times ("2026-12-10T10:00") or instants with an offset.</summary>
public sealed record TimeOffRequest(string? Start, string? End, string? Reason);

public sealed record TimeOffResponse(Guid Id, DateTimeOffset Start, DateTimeOffset End, string? Reason);

public sealed record ProviderResponse(
    Guid Id, Guid ShopId, string DisplayName, bool Active, string TimeZone, IReadOnlyList<Guid> ServiceIds,
    IReadOnlyList<WorkingHoursEntry> WorkingHours, IReadOnlyList<DateOverrideResponse> DateOverrides, IReadOnlyList<TimeOffResponse> TimeOff);

// --- Availability ---

public sealed record SlotResponse(DateTimeOffset Start, DateTimeOffset End);

/// <param name="ServiceId">The (first) service asked for.</param>
/// <param name="ServiceIds">Every service asked for, in order: one, or a visit of several back to back (each slot's end is the whole visit's).</param>
public sealed record AvailabilityResponse(string Date, string TimeZone, Guid ProviderId, Guid ServiceId, IReadOnlyList<SlotResponse> Slots,
    IReadOnlyList<Guid>? ServiceIds = null);

/// <param name="ServiceIds">Instead of serviceId: a visit of several services back to back with the provider, in order (at most 4).</param>
public sealed record AvailabilityCheckRequest(Guid? ProviderId, Guid? ServiceId, string? StartTime, IReadOnlyList<Guid>? ServiceIds = null);

/// <param name="Reason">Null when available; otherwise the domain's code (slot.taken, slot.outside_hours, slot.in_past, slot.too_soon, slot.beyond_horizon).</param>
/// <param name="Message">The reason in Spanish, ready to show.</param>
public sealed record AvailabilityCheckResponse(bool Available, string? Reason, string? Message, IReadOnlyList<SlotResponse> Alternatives);

// --- Bookings ---

/// <param name="CustomerId">Staff booking for a walk-in give the customer; customers book for themselves and leave it out.</param>
/// <param name="Patient">For a shop that asks for them (a medical office: the shop's policy says so): the patient's DNI and health insurance.</param>
/// <param name="ServiceIds">Instead of serviceId: several services in one visit ("corte + barba"), in order, back to back with the provider (at most 4); one booking.</param>
public sealed record CreateBookingRequest(Guid? ProviderId, Guid? ServiceId, string? StartTime, string? Notes, Guid? CustomerId,
    PatientRequest? Patient = null, IReadOnlyList<Guid>? ServiceIds = null);

/// <summary>What a shop that asks for it keeps about a patient; given once, kept for the next bookings at that shop.</summary>
/// <param name="NationalId">The DNI, 7 or 8 digits, dots allowed: "30.123.456".</param>
/// <param name="HealthInsurance">The obra social or prepaga, or "Particular".</param>
public sealed record PatientRequest(string? NationalId, string? HealthInsurance)
{
    public Domain.Customers.PatientDetails ToDetails() => new(NationalId, HealthInsurance);
}

/// <summary>A booking's private note: for its professional only in a psychologist's or medical practice.</summary>
/// <param name="UpdatedAt">Null when no note was written yet (text is empty).</param>
public sealed record PrivateNoteResponse(Guid BookingId, string Text, DateTimeOffset? UpdatedAt);

/// <param name="Text">Up to 4000 characters; empty deletes the note.</param>
public sealed record PrivateNoteRequest(string? Text);

/// <param name="Scope">For an occurrence of a series: "this" (the default) or "following" (this one and every later one still pending or confirmed).</param>
public sealed record CancelBookingRequest(string? Reason, string? Scope = null);

public sealed record RescheduleBookingRequest(string? StartTime);

/// <param name="Phone">E.164; null for a walk-in who left no phone.</param>
public sealed record CustomerResponse(Guid Id, string FullName, string? Phone);

/// <param name="ServiceId">The (first) service booked.</param>
/// <param name="ServiceName">What was booked: the service's name, or "Corte + Barba" for a visit of several.</param>
/// <param name="Price">The whole booking's price (a visit's: its services' added).</param>
/// <param name="Services">The services booked, in order, each with its own times and price: one, or the parts of a visit.</param>
public sealed record BookingResponse(
    Guid Id, Guid ShopId, Guid ProviderId, string ProviderName, Guid ServiceId, string ServiceName, CustomerResponse Customer,
    DateTimeOffset Start, DateTimeOffset End, string TimeZone, BookingStatus Status, decimal Price, string Currency,
    string? Notes, string? CancellationReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    Guid? SeriesId = null, Guid? SessionId = null, IReadOnlyList<BookedServiceResponse>? Services = null);

/// <summary>One service of a booking: for a visit of several, its part, from where the one before it ends.</summary>
public sealed record BookedServiceResponse(Guid Id, string Name, DateTimeOffset Start, DateTimeOffset End, decimal Price);

/// <param name="Next">The URL of the next page (same window and filter) when more bookings remain; null on the last page.</param>
public sealed record BookingListResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<BookingResponse> Items, string? Next = null);

// --- Health ---

/// <param name="Status">"healthy"; "degraded" when Redis is configured and unreachable (bookings still work: the database is the truth; live updates across servers wait); "unhealthy" when the database fails.</param>
/// <param name="Redis">Null for one server (no ConnectionStrings:Redis).</param>
public sealed record HealthResponse(string Status, DateTimeOffset CheckedAt, DatabaseHealth Database, JobServerHealth JobServer, RedisHealth? Redis = null);

public sealed record RedisHealth(string Status, string? Error);

public sealed record DatabaseHealth(string Status, string Provider, long DurationMs, string? Error);

public sealed record JobServerHealth(string Status, string Detail);
