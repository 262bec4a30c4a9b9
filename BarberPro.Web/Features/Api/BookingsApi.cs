using System.Globalization;
using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Series;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// Bookings over HTTP, through <see cref="BookingService"/> (and <see cref="IdempotentBookings"/> when the client sends
/// an Idempotency-Key). Outcomes map to statuses in one place, <see cref="ToResult"/>:
/// succeeded → 200/201, taken → 409 with alternatives, a lifecycle refusal (wrong status, inside the cancellation
/// window, not started yet) → 409, an action the role may never take → 403, a bad request (past slot, outside hours,
/// inactive service, notes too long) → 422, not the caller's → 404, the database busy past its timeout or unable to
/// take writes → 503 with Retry-After (nothing written).
/// </summary>
public static class BookingsApi
{
    /// <summary>Lifecycle refusals that depend on the booking's state or time: the request was fine, the booking is not in a state for it.</summary>
    private static readonly HashSet<string> StateRefusals =
        ["booking.invalid_transition", "booking.cancellation_window", "booking.not_started"];

    private const string ForbiddenAction = "booking.forbidden_action";
    private static readonly Duration MaxListSpan = Duration.FromDays(92);

    public static IEndpointRouteBuilder MapBookingsApi(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapSignedInGroup("/api/v1/bookings", "Bookings");

        bookings.MapPost("/", CreateBooking)
            .WithName("CreateBooking")
            .WithSummary("Book a slot")
            .WithDescription("Books startTime with the provider for the service, for the signed-in customer (staff give customerId for a walk-in). Several services in one visit (\"corte + barba\"): give serviceIds (in order, at most 4) instead of serviceId: one booking whose services follow one another with the provider, all booked or none (409 when any part is taken); its services lists each part with its times and price, price is their sum, and cancelling or moving it acts on the whole visit. 409 with the nearest free starts when the slot is taken — also when another request took it a moment earlier; 422 for a past slot, one outside the provider's hours or off the slot grid, or an inactive service. A shop that asks for patient details (policy requiresPatientDetails: a medical office) books a customer only with a valid DNI and a health insurance, given in patient or on record from an earlier booking there: otherwise 422 (patient.details_required, patient.national_id, patient.health_insurance) and nothing is booked; staff may give them for a walk-in and are not required to. Send an Idempotency-Key header (1–100 visible ASCII characters, e.g. a UUID) to make retries safe: the same user sending the same key again gets the same booking (201, header Idempotent-Replayed: true), never a second one; the same key with a different body is 422. Limited per IP and per user (429 with Retry-After). 503 with Retry-After when the database is too busy to take the booking within a few seconds, or cannot take writes: nothing was booked, retry later.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(ApiExamples.CreateBooking)
            .WithResponseExample(StatusCodes.Status201Created, ApiExamples.Booking)
            .WithResponseExample(StatusCodes.Status409Conflict, ApiExamples.SlotTaken)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ApiExamples.SlotInPast);

        bookings.MapGet("/", ListBookings)
            .WithName("ListBookings")
            .WithSummary("List the bookings the caller may see")
            .WithDescription("A customer gets their own bookings, a provider their agenda, an owner their shops', an admin all; by start time. from and to take a date (YYYY-MM-DD, read in America/Argentina/Buenos_Aires; to is inclusive) or an instant with an offset; by default from today for 31 days, at most 92 days. status filters by pending, confirmed, completed, cancelled or noShow. A page holds at most limit bookings (1–500, 500 by default); when more remain, next is the URL of the following page (the same window and filter, after the last booking of this one: an opaque after token), and the last page has next null. Bookings are in (start, id) order, each exactly once across the pages.")
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.BookingList);

        bookings.MapGet("/{id}", GetBooking)
            .WithName("GetBooking")
            .WithSummary("One booking")
            .WithDescription("404 when it does not exist or is not the caller's to see (another customer's booking, another provider's agenda).")
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Booking);

        bookings.MapPost("/{id}/cancel", Cancel)
            .WithName("CancelBooking")
            .WithSummary("Cancel a booking")
            .WithDescription("Customers may cancel their own pending or confirmed bookings until the shop's cancellation window (24 h by default) before the start; staff at any time. 409 when the booking's state or time does not allow it. For an occurrence of a series, scope \"following\" also cancels every later occurrence still pending or confirmed, in one transaction, each under the window for its own start (one that may not be cancelled is left as it is); when this one may not be cancelled, none is. scope \"this\" (the default) cancels only this one. The response is this booking.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(SeriesApiExamples.CancelFollowing)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.CancelledBooking)
            .WithResponseExample(StatusCodes.Status409Conflict, ApiExamples.CancellationWindow);

        MapAction(bookings, "/{id}/confirm", Confirm, "ConfirmBooking", "Confirm a pending booking",
            "Staff only (the provider, the shop's owner, admins); 403 for customers, 409 when the booking is not pending.");
        MapAction(bookings, "/{id}/complete", Complete, "CompleteBooking", "Mark a booking as attended",
            "Staff only, once the appointment has started; 409 before the start or from a final status.");
        MapAction(bookings, "/{id}/no-show", NoShow, "MarkNoShow", "Mark a booking as a no-show",
            "Staff only, once the appointment has started; 409 before the start or from a final status.");

        bookings.MapPost("/{id}/reschedule", Reschedule)
            .WithName("RescheduleBooking")
            .WithSummary("Move a booking to another start")
            .WithDescription("Same provider and service; the new start is checked like a new booking (409 with alternatives when taken, 422 when not bookable). Customers may move their bookings until the cancellation window; 409 after that.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(ApiExamples.Reschedule)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Booking)
            .WithResponseExample(StatusCodes.Status409Conflict, ApiExamples.SlotTaken);
        return app;
    }

    private static void MapAction(RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary, string description) =>
        group.MapPost(pattern, handler)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Booking)
            .WithResponseExample(StatusCodes.Status409Conflict, ApiExamples.InvalidTransition);

    public static async Task<Results<Created<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ServiceUnavailableProblem>> CreateBooking(
        CreateBookingRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        BookingService bookings, IdempotentBookings idempotent, IDbContextFactory<BarberProDbContext> dbFactory, HttpContext http, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        if (request.ProviderId is null)
            errors.Add(ApiMapping.Required("providerId", "el profesional (providerId)"));
        var offeringIds = ApiServiceIds.FromBody(request.ServiceId, request.ServiceIds, errors);
        if (!ApiTime.TryParseInstant(request.StartTime, out var start))
            errors.Add(string.IsNullOrEmpty(request.StartTime) ? ApiMapping.Required("startTime", "la fecha y hora (startTime)") : ApiMapping.BadInstant("startTime"));
        if (idempotencyKey is not null && IdempotentBookings.ValidateKey(idempotencyKey) is { } badKey)
            errors.Add(badKey);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var newBooking = NewBooking.ForVisit(request.ProviderId!.Value, offeringIds!, start, request.Notes, request.CustomerId, request.Patient?.ToDetails());
        var actors = ApiActors.All(user);
        // A customer books for themselves; staff book for the customer they name.
        var candidates = request.CustomerId is null && actors.Any(a => a.Role == ActorRole.Customer)
            ? actors.Where(a => a.Role == ActorRole.Customer).ToList()
            : actors.Where(a => a.IsStaff).DefaultIfEmpty(actors.FirstOrDefault()).OfType<Actor>().ToList();

        BookingOutcome outcome = new BookingOutcome.NotFound();
        var replayed = false;
        foreach (var actor in candidates)
        {
            if (idempotencyKey is null)
            {
                outcome = await bookings.BookAsync(newBooking, actor, ct);
            }
            else
            {
                switch (await idempotent.BookAsync(idempotencyKey, newBooking, actor, ct))
                {
                    case IdempotentBookingResult.Completed completed:
                        (outcome, replayed) = (completed.Outcome, completed.Replayed);
                        break;
                    case IdempotentBookingResult.KeyReused reused:
                        return ApiProblems.Invalid(reused.Error);
                    case IdempotentBookingResult.KeyInFlight inFlight:
                        return ApiProblems.Conflict(inFlight.Error);
                }
            }
            if (outcome is not BookingOutcome.NotFound)
                break;
        }

        switch (outcome)
        {
            case BookingOutcome.Succeeded succeeded:
                if (replayed)
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                var body = await ResponseAsync(succeeded.Booking, user, bookings, ct);
                return TypedResults.Created($"/api/v1/bookings/{body.Id}", body);
            case BookingOutcome.Conflict conflict:
                return ApiProblems.Conflict(conflict.Error, await AlternativesAsync(dbFactory, newBooking.ProviderId, newBooking.OfferingIds, conflict.Alternatives, ct));
            case BookingOutcome.Rejected rejected:
                return ApiProblems.Invalid(rejected.Error);
            case BookingOutcome.Busy or BookingOutcome.Unavailable:
                return ApiProblems.Unavailable(outcome)!;
            default:
                return ApiProblems.NotFound("Ese profesional no existe o no ofrece ese servicio.");
        }
    }

    /// <param name="from">A date (YYYY-MM-DD) or an instant with an offset; today by default.</param>
    /// <param name="to">A date (inclusive) or an instant (exclusive); from + 31 days by default.</param>
    /// <param name="status">pending, confirmed, completed, cancelled or noShow.</param>
    /// <param name="after">The token of the next page, from the previous page's next link.</param>
    /// <param name="limit">At most this many bookings per page, 1 to 500 (500 by default).</param>
    public static async Task<Results<Ok<BookingListResponse>, InvalidProblem>> ListBookings(
        string? from, string? to, string? status, string? after, int? limit, ClaimsPrincipal user, BookingQueries queries, IClock clock, CancellationToken ct)
    {
        var zone = ApiTime.DefaultZone;
        var errors = new List<DomainError>();
        var start = zone.AtStartOfDay(clock.GetCurrentInstant().InZone(zone).Date).ToInstant();
        if (from is not null && !TryParseBound(from, zone, endOfDay: false, out start))
            errors.Add(BadBound("from"));
        var end = start + Duration.FromDays(31);
        if (to is not null && !TryParseBound(to, zone, endOfDay: true, out end))
            errors.Add(BadBound("to"));
        BookingStatus? wanted = null;
        if (status is not null)
        {
            if (TryParseStatus(status, out var parsed))
                wanted = parsed;
            else
                errors.Add(new("request.status", "El estado no es válido: usá pending, confirmed, completed, cancelled o noShow.", "status"));
        }
        BookingCursor? cursor = null;
        if (after is not null)
        {
            if (BookingCursor.TryParse(after, out var parsedCursor))
                cursor = parsedCursor;
            else
                errors.Add(new("request.after", "El parámetro after no es válido: usá el enlace next de la página anterior.", "after"));
        }
        if (limit is < 1 or > BookingQueries.MaxResults)
            errors.Add(new("request.limit", $"limit debe estar entre 1 y {BookingQueries.MaxResults}.", "limit"));
        if (errors.Count == 0 && end <= start)
            errors.Add(new("request.range", "La fecha final (to) debe ser posterior a la inicial (from).", "to"));
        if (errors.Count == 0 && end - start > MaxListSpan)
            errors.Add(new("request.range_too_long", "Pedí como máximo 92 días por vez.", "to"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var page = await queries.ListPageAsync(ApiActors.All(user), new Interval(start, end), wanted, cursor, limit ?? BookingQueries.MaxResults, ct);
        var next = page.Next is { } more
            ? QueryHelpers.AddQueryString("/api/v1/bookings", new Dictionary<string, string?>
            {
                ["from"] = ApiTime.Out(start, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
                ["to"] = ApiTime.Out(end, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
                ["status"] = status,
                ["limit"] = limit?.ToString(CultureInfo.InvariantCulture),
                ["after"] = more.ToToken(),
            }.Where(p => p.Value is not null))
            : null;
        return TypedResults.Ok(new BookingListResponse(ApiTime.Out(start, zone), ApiTime.Out(end, zone),
            page.Items.Select(b => b.ToResponse()!).ToList(), next));
    }

    public static async Task<Results<Ok<BookingResponse>, NotFoundProblem>> GetBooking(Guid id, ClaimsPrincipal user, BookingService bookings, CancellationToken ct)
    {
        var booking = await ApiActors.FirstFoundAsync(user, actor => bookings.FindAsync(id, actor, ct), b => b is null);
        return booking?.ToResponse() is { } body ? TypedResults.Ok(body) : ApiProblems.NotFound("No encontramos ese turno.");
    }

    public static async Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ForbiddenProblem, ServiceUnavailableProblem>> Cancel(
        Guid id, CancelBookingRequest? request, ClaimsPrincipal user, BookingService bookings, SeriesService series, CancellationToken ct) =>
        request?.Scope switch
        {
            null or "this" => await ApplyAsync(id, BookingAction.Cancel, request?.Reason, user, bookings, ct),
            "following" => await ToResult(await SeriesApi.CancelFollowingAsync(id, request.Reason, user, series, ct), user, bookings, ct),
            _ => SeriesApi.BadScope(),
        };

    public static Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ForbiddenProblem, ServiceUnavailableProblem>> Confirm(
        Guid id, ClaimsPrincipal user, BookingService bookings, CancellationToken ct) =>
        ApplyAsync(id, BookingAction.Confirm, null, user, bookings, ct);

    public static Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ForbiddenProblem, ServiceUnavailableProblem>> Complete(
        Guid id, ClaimsPrincipal user, BookingService bookings, CancellationToken ct) =>
        ApplyAsync(id, BookingAction.Complete, null, user, bookings, ct);

    public static Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ForbiddenProblem, ServiceUnavailableProblem>> NoShow(
        Guid id, ClaimsPrincipal user, BookingService bookings, CancellationToken ct) =>
        ApplyAsync(id, BookingAction.MarkNoShow, null, user, bookings, ct);

    public static async Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ForbiddenProblem, ServiceUnavailableProblem>> Reschedule(
        Guid id, RescheduleBookingRequest request, ClaimsPrincipal user, BookingService bookings, IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        if (!ApiTime.TryParseInstant(request.StartTime, out var start))
            return ApiProblems.Invalid(string.IsNullOrEmpty(request.StartTime) ? ApiMapping.Required("startTime", "la nueva fecha y hora (startTime)") : ApiMapping.BadInstant("startTime"));
        var outcome = await ApiActors.FirstFoundAsync(user, actor => bookings.RescheduleAsync(id, start, actor, ct), o => o is BookingOutcome.NotFound);
        if (outcome is BookingOutcome.Conflict conflict)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var booking = await db.Bookings.AsNoTracking().Include(b => b.Parts).SingleAsync(b => b.Id == id, ct);
            return ApiProblems.Conflict(conflict.Error, await AlternativesAsync(dbFactory, booking.ProviderId, booking.OfferingIds, conflict.Alternatives, ct));
        }
        return await ToResult(outcome, user, bookings, ct);
    }

    private static async Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ForbiddenProblem, ServiceUnavailableProblem>> ApplyAsync(
        Guid id, BookingAction action, string? reason, ClaimsPrincipal user, BookingService bookings, CancellationToken ct)
    {
        var outcome = await ApiActors.FirstFoundAsync(user, actor => bookings.ApplyAsync(id, action, actor, reason, ct), o => o is BookingOutcome.NotFound);
        return await ToResult(outcome, user, bookings, ct);
    }

    private static async Task<Results<Ok<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ForbiddenProblem, ServiceUnavailableProblem>> ToResult(
        BookingOutcome? outcome, ClaimsPrincipal user, BookingService bookings, CancellationToken ct) => outcome switch
    {
        BookingOutcome.Succeeded succeeded => TypedResults.Ok(await ResponseAsync(succeeded.Booking, user, bookings, ct)),
        BookingOutcome.Conflict conflict => ApiProblems.Conflict(conflict.Error),
        BookingOutcome.Rejected { Error.Code: ForbiddenAction } rejected => ApiProblems.Forbidden(rejected.Error),
        BookingOutcome.Rejected rejected when StateRefusals.Contains(rejected.Error.Code) => ApiProblems.Conflict(rejected.Error),
        BookingOutcome.Rejected rejected => ApiProblems.Invalid(rejected.Error),
        BookingOutcome.Busy or BookingOutcome.Unavailable => ApiProblems.Unavailable(outcome)!,
        _ => ApiProblems.NotFound("No encontramos ese turno."),
    };

    private static async Task<BookingResponse> ResponseAsync(Booking booking, ClaimsPrincipal user, BookingService bookings, CancellationToken ct) =>
        booking.ToResponse()
        ?? (await ApiActors.FirstFoundAsync(user, actor => bookings.FindAsync(booking.Id, actor, ct), b => b is null))?.ToResponse()
        ?? throw new InvalidOperationException($"Booking {booking.Id} was written but cannot be read back.");

    private static async Task<IReadOnlyList<SlotResponse>> AlternativesAsync(IDbContextFactory<BarberProDbContext> dbFactory, Guid providerId, IReadOnlyList<Guid> offeringIds,
        IReadOnlyList<Instant> alternatives, CancellationToken ct)
    {
        var format = await SlotFormat.LoadAsync(dbFactory, providerId, offeringIds, ct);
        return format is null ? [] : ApiMapping.Slots(alternatives, format.Duration, format.Zone);
    }

    private static DomainError BadBound(string field) =>
        new("request.range_bound", "Usá una fecha AAAA-MM-DD (2027-01-05) o una fecha y hora ISO-8601 con zona (2027-01-05T10:00:00-03:00).", field);

    private static bool TryParseBound(string text, DateTimeZone zone, bool endOfDay, out Instant instant)
    {
        if (ApiTime.TryParseDate(text, out var date))
        {
            instant = zone.AtStartOfDay(endOfDay ? date.PlusDays(1) : date).ToInstant();
            return true;
        }
        return ApiTime.TryParseInstant(text, out instant);
    }

    private static bool TryParseStatus(string text, out BookingStatus status)
    {
        status = default;
        var name = text.Replace("-", "").Replace("_", "");
        return name.Length > 0 && char.IsLetter(name[0]) && Enum.TryParse(name, ignoreCase: true, out status);
    }
}
