using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace BarberPro.Web.Features.Api;

public sealed record SessionResponse(Guid Id, Guid ShopId, Guid ProviderId, string ProviderName, Guid ServiceId, string ServiceName,
    DateTimeOffset Start, DateTimeOffset End, string TimeZone, int Capacity, int Participants, int PlacesLeft, GroupSessionStatus Status);

public sealed record SessionListResponse(string From, string To, IReadOnlyList<SessionResponse> Items);

/// <param name="Capacity">2 up to the service's capacity; the service's capacity when omitted.</param>
/// <param name="Weeks">Open the same weekday and time for this many weeks (1–26, all or none); 1 when omitted.</param>
public sealed record OpenSessionRequest(Guid? ProviderId, Guid? ServiceId, string? StartTime, int? Capacity, int? Weeks = null);

public sealed record OpenedSessionsResponse(IReadOnlyList<SessionResponse> Items);

public sealed record ChangeCapacityRequest(int? Capacity);

public sealed record CancelSessionRequest(string? Reason);

public sealed record ParticipantResponse(Guid BookingId, Guid CustomerId, string Name, string? Phone, BookingStatus Status);

public sealed record ParticipantsResponse(SessionResponse Session, IReadOnlyList<ParticipantResponse> Items);

/// <summary>
/// Group sessions over HTTP, through <see cref="SessionService"/>: the list is public; opening, capacity, cancelling and
/// the participant list are for staff who manage the provider's agenda (404 for anyone else); joining and leaving for
/// customers. A full session or a second join is 409; a time the provider is not free is 409 (taken) or 422 (outside
/// hours, past); the database busy is 503 with Retry-After.
/// </summary>
public static class SessionsApi
{
    /// <summary>Refusals that depend on the session's state, not on the request: 409.</summary>
    private static readonly HashSet<string> StateRefusals =
    [
        "session.full", "session.already_joined", "session.not_joined", "session.cancelled", "session.started",
        "session.time_taken", "session.capacity_below_participants", "session.past",
        "booking.invalid_transition", "booking.cancellation_window",
    ];

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/shops/{shopId}/sessions", ListSessions)
            .WithTags("Group sessions")
            .AllowAnonymous()
            .WithName("ListSessions")
            .WithSummary("A shop's open group sessions")
            .WithDescription("Open sessions (classes) starting between from and to (dates YYYY-MM-DD in the shop's zone, inclusive; today and the next 13 days by default, at most 62 days), by start, with places left (capacity minus participants minus seats held for waitlist offers). Anyone may list them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.List);

        var sessions = app.MapSignedInGroup("/api/v1/sessions", "Group sessions");

        sessions.MapPost("/", OpenSession)
            .WithName("OpenSession")
            .WithSummary("Open a group session")
            .WithDescription("Staff who manage the provider's agenda open a session of a group service (capacity above 1) at startTime: the provider must be free for the whole session, as for a staff booking. capacity is 2 up to the service's capacity (default: the service's). With weeks > 1 the same weekday and time is opened for that many weeks, all or none: 409 lists every clashing week (clashes) and nothing is opened. 404 when the provider is not the caller's to manage.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(SessionExamples.Open)
            .WithResponseExample(StatusCodes.Status201Created, SessionExamples.Opened)
            .WithResponseExample(StatusCodes.Status409Conflict, SessionExamples.TimeTaken)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, SessionExamples.CapacityInvalid);

        sessions.MapGet("/{id}", GetSession)
            .WithName("GetSession")
            .WithSummary("One group session")
            .WithDescription("The session with places left (no participant data).")
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.Session);

        sessions.MapPost("/{id}/join", Join)
            .WithName("JoinSession")
            .WithSummary("Take a place in a session")
            .WithDescription("The signed-in customer takes a place: 201 with their booking (sessionId set). 409 when the session is full (session.full), the customer is already in it (session.already_joined), it started or was cancelled. A customer holding a waitlist offer for the session takes the held place.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithResponseExample(StatusCodes.Status201Created, SessionExamples.Seat)
            .WithResponseExample(StatusCodes.Status409Conflict, SessionExamples.Full);

        sessions.MapPost("/{id}/leave", Leave)
            .WithName("LeaveSession")
            .WithSummary("Give up a place in a session")
            .WithDescription("Cancels the signed-in customer's place, within the shop's cancellation window as any booking (409 after it, or when they are not in the session); the place is offered to the session's waitlist.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(SessionExamples.Cancel)
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.LeftSeat)
            .WithResponseExample(StatusCodes.Status409Conflict, SessionExamples.NotJoined);

        sessions.MapGet("/{id}/participants", Participants)
            .WithName("SessionParticipants")
            .WithSummary("Who is in a session")
            .WithDescription("Staff who manage the provider's agenda (the provider, the shop's owner, admins) get every participant with their phone and status; attendance is marked per participant with POST /api/v1/bookings/{bookingId}/complete or /no-show. 404 for anyone else.")
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.Participants);

        sessions.MapPatch("/{id}", ChangeCapacity)
            .WithName("ChangeSessionCapacity")
            .WithSummary("Change a session's capacity")
            .WithDescription("Staff only: 2 up to the service's capacity, never below the places already taken (409). Growing offers the new places to the session's waitlist.")
            .WithRequestExample(new ChangeCapacityRequest(6))
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.Session)
            .WithResponseExample(StatusCodes.Status409Conflict, SessionExamples.BelowParticipants);

        sessions.MapPost("/{id}/cancel", CancelSession)
            .WithName("CancelSession")
            .WithSummary("Cancel a session")
            .WithDescription("Staff only: cancels every participant's booking and the session, and frees the provider's time. 409 when it already ended or was cancelled.")
            .WithRequestExample(SessionExamples.Cancel)
            .WithResponseExample(StatusCodes.Status200OK, SessionExamples.Session);
        return app;
    }

    /// <param name="from">First date (YYYY-MM-DD, shop's zone); today by default.</param>
    /// <param name="to">Last date, inclusive; from + 13 days by default.</param>
    public static async Task<Results<Ok<SessionListResponse>, NotFoundProblem, InvalidProblem>> ListSessions(
        Guid shopId, string? from, string? to, SessionService sessions, IClock clock, CancellationToken ct)
    {
        if (await sessions.ZoneOfShopAsync(shopId, ct) is not { } zone)
            return ApiProblems.NotFound("No encontramos ese local.");
        var errors = new List<DomainError>();
        var first = clock.GetCurrentInstant().InZone(zone).Date;
        if (from is not null && !ApiTime.TryParseDate(from, out first))
            errors.Add(ApiMapping.BadDate("from"));
        var last = first.PlusDays(13);
        if (to is not null && !ApiTime.TryParseDate(to, out last))
            errors.Add(ApiMapping.BadDate("to"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var result = await sessions.ListAsync(shopId, first, last, ct);
        if (result.IsNotFound)
            return ApiProblems.NotFound("No encontramos ese local.");
        if (result.Error is { } error)
            return ApiProblems.Invalid(error);
        return TypedResults.Ok(new SessionListResponse(ApiTime.Out(first), ApiTime.Out(last), result.Value!.Select(ToResponse).ToList()));
    }

    public static async Task<Results<Ok<SessionResponse>, NotFoundProblem>> GetSession(Guid id, SessionService sessions, CancellationToken ct) =>
        await sessions.FindAsync(id, ct) is { } view ? TypedResults.Ok(ToResponse(view)) : ApiProblems.NotFound("No encontramos esa clase.");

    public static async Task<Results<Created<OpenedSessionsResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> OpenSession(
        OpenSessionRequest request, ClaimsPrincipal user, SessionService sessions, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        if (request.ProviderId is null)
            errors.Add(ApiMapping.Required("providerId", "el profesional (providerId)"));
        if (request.ServiceId is null)
            errors.Add(ApiMapping.Required("serviceId", "el servicio (serviceId)"));
        if (!ApiTime.TryParseInstant(request.StartTime, out var start))
            errors.Add(string.IsNullOrEmpty(request.StartTime) ? ApiMapping.Required("startTime", "la fecha y hora (startTime)") : ApiMapping.BadInstant("startTime"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var newSession = new NewSession(request.ProviderId!.Value, request.ServiceId!.Value, start, request.Capacity);
        var result = await ApiActors.FirstFoundAsync(user, actor => sessions.OpenWeeklyAsync(newSession, request.Weeks ?? 1, actor, ct), r => r.IsNotFound);
        if (result is null || result.IsNotFound)
            return ApiProblems.NotFound("Ese profesional no existe o no es tuyo.");
        if (result.Error is { } error)
            return StateRefusals.Contains(error.Code) ? ApiProblems.Conflict(error) : ApiProblems.Invalid(error);
        var batch = result.Value!;
        if (!batch.AllOpened)
        {
            var first = batch.Clashes[0].Error;
            if (batch.Clashes.Count == 1 && first.Code != "session.time_taken" && request.Weeks is null or 1)
                return ApiProblems.Invalid(first);
            var zone = await ZoneAsync(sessions, request.ProviderId.Value, ct);
            var problem = ApiProblems.Conflict(batch.Clashes.Count == 1 ? first
                : new DomainError("session.weekly_clashes", $"{batch.Clashes.Count} de las semanas chocan con la agenda: no se abrió ninguna clase."));
            problem.Problem.Extensions["clashes"] = batch.Clashes
                .Select(c => new { start = ApiTime.Out(c.Start, zone), code = c.Error.Code, detail = c.Error.Message }).ToList();
            return problem;
        }
        var views = new List<SessionResponse>();
        foreach (var session in batch.Opened)
            views.Add(ToResponse((await sessions.FindAsync(session.Id, ct))!));
        return TypedResults.Created($"/api/v1/sessions/{views[0].Id}", new OpenedSessionsResponse(views));
    }

    public static async Task<Results<Created<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ServiceUnavailableProblem>> Join(
        Guid id, ClaimsPrincipal user, SessionService sessions, BookingService bookings, CancellationToken ct)
    {
        var customer = ApiActors.All(user).FirstOrDefault(a => a.Role == ActorRole.Customer);
        if (customer is null)
            return ApiProblems.Invalid(new DomainError("session.customers_only", "Solo los clientes se anotan en una clase: ingresá con una cuenta de cliente."));
        var outcome = await sessions.JoinAsync(id, customer, ct);
        switch (outcome)
        {
            case BookingOutcome.Succeeded succeeded:
                var body = (await bookings.FindAsync(succeeded.Booking.Id, customer, ct))!.ToResponse()!;
                return TypedResults.Created($"/api/v1/bookings/{body.Id}", body);
            case BookingOutcome.Rejected rejected when StateRefusals.Contains(rejected.Error.Code):
                return ApiProblems.Conflict(rejected.Error);
            case BookingOutcome.Rejected rejected:
                return ApiProblems.Invalid(rejected.Error);
            case BookingOutcome.Busy or BookingOutcome.Unavailable:
                return ApiProblems.Unavailable(outcome)!;
            default:
                return ApiProblems.NotFound("No encontramos esa clase.");
        }
    }

    public static async Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ServiceUnavailableProblem>> Leave(
        Guid id, CancelSessionRequest? request, ClaimsPrincipal user, SessionService sessions, BookingService bookings, CancellationToken ct)
    {
        var customer = ApiActors.All(user).FirstOrDefault(a => a.Role == ActorRole.Customer);
        if (customer is null)
            return ApiProblems.Conflict(new DomainError("session.not_joined", "No estás anotado en esta clase."));
        var outcome = await sessions.LeaveAsync(id, customer, request?.Reason, ct);
        switch (outcome)
        {
            case BookingOutcome.Succeeded succeeded:
                return TypedResults.Ok((await bookings.FindAsync(succeeded.Booking.Id, customer, ct))!.ToResponse()!);
            case BookingOutcome.Rejected rejected when StateRefusals.Contains(rejected.Error.Code):
                return ApiProblems.Conflict(rejected.Error);
            case BookingOutcome.Rejected rejected:
                return ApiProblems.Invalid(rejected.Error);
            case BookingOutcome.Busy or BookingOutcome.Unavailable:
                return ApiProblems.Unavailable(outcome)!;
            default:
                return ApiProblems.NotFound("No encontramos esa clase.");
        }
    }

    public static async Task<Results<Ok<ParticipantsResponse>, NotFoundProblem>> Participants(
        Guid id, ClaimsPrincipal user, SessionService sessions, CancellationToken ct)
    {
        var result = await ApiActors.FirstFoundAsync(user, actor => sessions.ParticipantsAsync(id, actor, ct), r => r.IsNotFound);
        if (result is null || !result.Succeeded)
            return ApiProblems.NotFound("No encontramos esa clase.");
        var roster = result.Value!;
        return TypedResults.Ok(new ParticipantsResponse(ToResponse(roster.Session),
            roster.Participants.Select(p => new ParticipantResponse(p.BookingId, p.CustomerId, p.Name, p.Phone, p.Status)).ToList()));
    }

    public static async Task<Results<Ok<SessionResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> ChangeCapacity(
        Guid id, ChangeCapacityRequest request, ClaimsPrincipal user, SessionService sessions, CancellationToken ct)
    {
        if (request.Capacity is not { } capacity)
            return ApiProblems.Invalid(ApiMapping.Required("capacity", "la capacidad (capacity)"));
        var result = await ApiActors.FirstFoundAsync(user, actor => sessions.ChangeCapacityAsync(id, capacity, actor, ct), r => r.IsNotFound);
        return await ManagedAsync(id, result, sessions, ct);
    }

    public static async Task<Results<Ok<SessionResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> CancelSession(
        Guid id, CancelSessionRequest? request, ClaimsPrincipal user, SessionService sessions, CancellationToken ct)
    {
        var result = await ApiActors.FirstFoundAsync(user, actor => sessions.CancelSessionAsync(id, actor, request?.Reason, ct), r => r.IsNotFound);
        return await ManagedAsync(id, result, sessions, ct);
    }

    private static async Task<Results<Ok<SessionResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> ManagedAsync(
        Guid id, Result<GroupSession>? result, SessionService sessions, CancellationToken ct)
    {
        if (result is null || result.IsNotFound)
            return ApiProblems.NotFound("No encontramos esa clase.");
        if (result.Error is { } error)
            return StateRefusals.Contains(error.Code) ? ApiProblems.Conflict(error) : ApiProblems.Invalid(error);
        return TypedResults.Ok(ToResponse((await sessions.FindAsync(id, ct))!));
    }

    private static async Task<DateTimeZone> ZoneAsync(SessionService sessions, Guid providerId, CancellationToken ct) =>
        await sessions.ZoneOfProviderAsync(providerId, ct) ?? ApiTime.DefaultZone;

    private static SessionResponse ToResponse(SessionView s) =>
        new(s.Id, s.ShopId, s.ProviderId, s.ProviderName, s.OfferingId, s.OfferingName, ApiTime.Out(s.Start, s.Zone), ApiTime.Out(s.End, s.Zone),
            s.Zone.Id, s.Capacity, s.Participants, s.PlacesLeft, s.Status);
}

/// <summary>The request and response examples of <see cref="SessionsApi"/>.</summary>
public static class SessionExamples
{
    private static readonly Guid SessionId = Guid.Parse("0b9e2c44-7d1f-4f3a-a2c5-6e8d9f0a1b2c");
    private static readonly TimeSpan Ar = TimeSpan.FromHours(-3);
    private static DateTimeOffset At(int day, int hour) => new(2026, 12, day, hour, 0, 0, Ar);

    public static readonly SessionResponse Session = new(SessionId, ApiExamples.ShopId, ApiExamples.ProviderId, "Diego", ApiExamples.ServiceId,
        "Clase de barbería", At(9, 18), At(9, 20), "America/Argentina/Buenos_Aires", 5, 3, 2, GroupSessionStatus.Open);
    public static readonly SessionListResponse List = new("2026-12-07", "2026-12-20", [Session]);
    public static readonly OpenSessionRequest Open = new(ApiExamples.ProviderId, ApiExamples.ServiceId, "2026-12-09T18:00:00-03:00", 5, 4);
    public static readonly OpenedSessionsResponse Opened = new([Session]);
    public static readonly CancelSessionRequest Cancel = new("No puedo ir esa semana.");
    public static readonly ParticipantsResponse Participants = new(Session,
    [
        new(ApiExamples.BookingId, ApiExamples.CustomerId, "Ana Suárez", "+5491123456789", BookingStatus.Pending),
    ]);
    public static readonly BookingResponse Seat = new(ApiExamples.BookingId, ApiExamples.ShopId, ApiExamples.ProviderId, "Diego", ApiExamples.ServiceId,
        "Clase de barbería", new CustomerResponse(ApiExamples.CustomerId, "Ana Suárez", "+5491123456789"),
        At(9, 18), At(9, 20), "America/Argentina/Buenos_Aires", BookingStatus.Pending, 15000m, "ARS", null, null, At(7, 10), At(7, 10), SessionId: SessionId);
    public static readonly BookingResponse LeftSeat = Seat with { Status = BookingStatus.Cancelled, CancellationReason = Cancel.Reason };

    public static readonly ProblemDetails Full = Problem(409, "La clase está completa: no quedan lugares.", "session.full");
    public static readonly ProblemDetails NotJoined = Problem(409, "No estás anotado en esta clase.", "session.not_joined");
    public static readonly ProblemDetails TimeTaken = Problem(409, "El profesional ya tiene un turno o una clase en ese horario.", "session.time_taken");
    public static readonly ProblemDetails BelowParticipants = Problem(409, "La clase ya tiene 4 lugares ocupados: la capacidad no puede ser menor.", "session.capacity_below_participants");
    public static readonly HttpValidationProblemDetails CapacityInvalid = new(new Dictionary<string, string[]> { ["capacity"] = ["La capacidad de la clase debe estar entre 2 y 8 personas."] })
    {
        Status = 422, Title = "Datos inválidos", Detail = "La capacidad de la clase debe estar entre 2 y 8 personas.", Extensions = { ["code"] = "session.capacity" },
    };

    private static ProblemDetails Problem(int status, string detail, string code) => ApiProblems.Problem(status, "Conflicto", detail, code);
}
