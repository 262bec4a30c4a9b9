using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Series;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <param name="Frequency">daily, weekly, biweekly or monthly (the same weekday of the month: "the second Tuesday").</param>
/// <param name="Count">How many times (1–52); give this or until.</param>
/// <param name="Until">The last date (YYYY-MM-DD, inclusive); give this or count.</param>
public sealed record SeriesPreviewRequest(Guid? ProviderId, Guid? ServiceId, string? StartTime, string? Frequency, int? Count, string? Until);

/// <param name="Reason">Null when available; otherwise why not (slot.taken, slot.shop_closed, slot.outside_hours…).</param>
/// <param name="Alternatives">For a clashing occurrence, up to three free starts on the same date, nearest first.</param>
public sealed record SeriesOccurrenceResponse(int Index, DateTimeOffset Start, DateTimeOffset End, bool Available, string? Reason, string? Detail,
    IReadOnlyList<SlotResponse> Alternatives);

/// <param name="CappedAtMax">An "until" pattern had more than 52 occurrences; the rest are not listed.</param>
/// <param name="CutAtHorizon">The pattern reached past the shop's series horizon; the later ones are not listed.</param>
public sealed record SeriesPreviewResponse(string Frequency, string TimeZone, IReadOnlyList<SeriesOccurrenceResponse> Occurrences, bool CappedAtMax, bool CutAtHorizon);

/// <param name="Occurrences">The chosen starts: free occurrences and alternatives taken on the same date; skipped ones left out.</param>
/// <param name="CustomerId">Staff only: the customer of the shop the series is for.</param>
/// <param name="StartTime">Optional: the pattern's first start as previewed; it anchors the dates (needed when the first occurrence is skipped). By default the first chosen one.</param>
public sealed record CreateSeriesRequest(Guid? ProviderId, Guid? ServiceId, string? Frequency, IReadOnlyList<string?>? Occurrences, string? Notes, Guid? CustomerId,
    string? StartTime = null, PatientRequest? Patient = null);

public sealed record SeriesResponse(Guid SeriesId, IReadOnlyList<BookingResponse> Bookings);

/// <summary>One chosen start of a series that cannot be booked, in a 409's <c>clashes</c>.</summary>
public sealed record SeriesClashResponse(DateTimeOffset Start, string Code, string Detail);

/// <summary>
/// Recurring appointments over HTTP, through <see cref="SeriesService"/>: preview a pattern, book the chosen occurrences
/// all or none (409 with every clashing start, nothing created), and "this and the following" on the booking cancel
/// endpoint (<see cref="CancelFollowingAsync"/>).
/// </summary>
public static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        var series = app.MapSignedInGroup("/api/v1/bookings/series", "Bookings");

        series.MapPost("/preview", Preview)
            .WithName("PreviewSeries")
            .WithSummary("Preview a recurring series")
            .WithDescription("Every occurrence of a series starting at startTime and repeating daily, weekly, biweekly or monthly (the same weekday of the month: a start on the 2nd Tuesday repeats on every 2nd Tuesday; one in the 5th week on the last weekday), count times (1–52) or until a date (inclusive; at most 52). Every occurrence keeps the local time of startTime, also across daylight saving changes. Occurrences never go past the shop's series horizon (6 months by default); cappedAtMax and cutAtHorizon say when the pattern was cut. Each occurrence says whether it is free; a clashing one (taken, the shop closed that day, outside the provider's hours) has up to three alternatives on the same date. Nothing is held: book with POST /api/v1/bookings/series.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(SeriesApiExamples.PreviewRequest)
            .WithResponseExample(StatusCodes.Status200OK, SeriesApiExamples.Preview)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, SeriesApiExamples.PreviewInvalid);

        series.MapPost("/", CreateSeries)
            .WithName("CreateSeries")
            .WithSummary("Book a recurring series")
            .WithDescription("Books the chosen occurrences (the free ones from the preview and the alternatives taken on their dates; skipped ones left out) all together: if any one is taken or no longer bookable — also when another request took it after the preview — nothing is booked and the 409 lists every clashing start in clashes. Each start must fall on a date of the pattern, at most one per date; the pattern is anchored at startTime when given (the previewed first start: send it when the first occurrence is skipped), else at the first chosen one. Customers book for themselves; staff give customerId (a customer of the shop) and book for the agendas they manage. Cancel one occurrence with POST /api/v1/bookings/{id}/cancel, this and the following ones with scope \"following\"; move one with /reschedule. 503 with Retry-After when the database is too busy: nothing was booked.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(SeriesApiExamples.CreateRequest)
            .WithResponseExample(StatusCodes.Status201Created, SeriesApiExamples.Created)
            .WithResponseExample(StatusCodes.Status409Conflict, SeriesApiExamples.Clashes)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, SeriesApiExamples.NotInPattern);
        return app;
    }

    public static async Task<Results<Ok<SeriesPreviewResponse>, NotFoundProblem, InvalidProblem>> Preview(
        SeriesPreviewRequest request, ClaimsPrincipal user, SeriesService series, IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        if (request.ProviderId is null)
            errors.Add(ApiMapping.Required("providerId", "el profesional (providerId)"));
        if (request.ServiceId is null)
            errors.Add(ApiMapping.Required("serviceId", "el servicio (serviceId)"));
        if (!ApiTime.TryParseInstant(request.StartTime, out var start))
            errors.Add(string.IsNullOrEmpty(request.StartTime) ? ApiMapping.Required("startTime", "la fecha y hora del primer turno (startTime)") : ApiMapping.BadInstant("startTime"));
        var frequency = ParseFrequency(request.Frequency, errors);
        LocalDate? until = null;
        if (request.Until is not null)
        {
            if (ApiTime.TryParseDate(request.Until, out var date))
                until = date;
            else
                errors.Add(ApiMapping.BadDate("until"));
        }
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var seriesRequest = new SeriesRequest(request.ProviderId!.Value, request.ServiceId!.Value, start, frequency!.Value, request.Count, until);
        var result = await ApiActors.FirstFoundAsync(user, actor => series.PreviewAsync(seriesRequest, actor, ct), r => r.IsNotFound);
        if (result is null || result.IsNotFound)
            return ApiProblems.NotFound("Ese profesional no existe o no ofrece ese servicio.");
        if (result.Error is { } refused)
            return ApiProblems.Invalid(refused);
        var format = await SlotFormat.LoadAsync(dbFactory, seriesRequest.ProviderId, [seriesRequest.OfferingId], ct);
        var zone = format!.Zone;
        var preview = result.Value!;
        return TypedResults.Ok(new SeriesPreviewResponse(FrequencyName(preview.Frequency), zone.Id,
            preview.Occurrences.Select(o => new SeriesOccurrenceResponse(o.Index, ApiTime.Out(o.Start, zone), ApiTime.Out(o.End, zone), o.Available,
                o.Error?.Code, o.Error?.Message, ApiMapping.Slots(o.Alternatives, format.Duration, zone))).ToList(),
            preview.CappedAtMax, preview.CutAtHorizon));
    }

    public static async Task<Results<Created<SeriesResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ServiceUnavailableProblem>> CreateSeries(
        CreateSeriesRequest request, ClaimsPrincipal user, SeriesService series, IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        if (request.ProviderId is null)
            errors.Add(ApiMapping.Required("providerId", "el profesional (providerId)"));
        if (request.ServiceId is null)
            errors.Add(ApiMapping.Required("serviceId", "el servicio (serviceId)"));
        var frequency = ParseFrequency(request.Frequency, errors);
        var starts = new List<Instant>();
        if (request.Occurrences is null || request.Occurrences.Count == 0)
            errors.Add(ApiMapping.Required("occurrences", "la lista de turnos elegidos (occurrences)"));
        else if (request.Occurrences.Count > BookingSeries.MaxOccurrences)
            errors.Add(new("series.count", $"Una serie puede tener de 1 a {BookingSeries.MaxOccurrences} turnos.", "occurrences"));
        else
        {
            foreach (var text in request.Occurrences)
            {
                if (ApiTime.TryParseInstant(text, out var start))
                    starts.Add(start);
                else
                {
                    errors.Add(ApiMapping.BadInstant("occurrences"));
                    break;
                }
            }
        }
        Instant? patternStart = null;
        if (request.StartTime is not null)
        {
            if (ApiTime.TryParseInstant(request.StartTime, out var anchor))
                patternStart = anchor;
            else
                errors.Add(ApiMapping.BadInstant("startTime"));
        }
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var newSeries = new NewSeries(request.ProviderId!.Value, request.ServiceId!.Value, frequency!.Value, starts, request.Notes, request.CustomerId, patternStart,
            request.Patient?.ToDetails());
        var actors = ApiActors.All(user);
        // A customer books for themselves; staff book for the customer they name (as BookingsApi.CreateBooking).
        var candidates = request.CustomerId is null && actors.Any(a => a.Role == ActorRole.Customer)
            ? actors.Where(a => a.Role == ActorRole.Customer).ToList()
            : actors.Where(a => a.IsStaff).DefaultIfEmpty(actors.FirstOrDefault()).OfType<Actor>().ToList();
        SeriesOutcome outcome = new SeriesOutcome.NotFound();
        foreach (var actor in candidates)
        {
            outcome = await series.BookAsync(newSeries, actor, ct);
            if (outcome is not SeriesOutcome.NotFound)
                break;
        }

        switch (outcome)
        {
            case SeriesOutcome.Succeeded done:
                var body = new SeriesResponse(done.Series.Id, await BookingsOfAsync(dbFactory, done.Series.Id, ct));
                return TypedResults.Created($"/api/v1/bookings?seriesId={done.Series.Id}", body);
            case SeriesOutcome.Clashed clashed:
                var zone = (await SlotFormat.LoadAsync(dbFactory, newSeries.ProviderId, [newSeries.OfferingId], ct))?.Zone ?? ApiTime.DefaultZone;
                var conflict = ApiProblems.Conflict(new("series.clash",
                    "Algunos turnos de la serie ya no están disponibles, así que no se reservó ninguno. Elegí otro horario para esos o salteálos."));
                conflict.Problem.Extensions["clashes"] = clashed.Clashes
                    .Select(c => new SeriesClashResponse(ApiTime.Out(c.Start, zone), c.Error.Code, c.Error.Message)).ToList();
                return conflict;
            case SeriesOutcome.Rejected rejected:
                return ApiProblems.Invalid(rejected.Error);
            case SeriesOutcome.Fault fault:
                return ApiProblems.Unavailable(fault.Outcome)!;
            default:
                return ApiProblems.NotFound("Ese profesional no existe o no ofrece ese servicio.");
        }
    }

    /// <summary>
    /// "This and the following" for <c>POST /api/v1/bookings/{id}/cancel</c> with <c>scope: "following"</c>: the asked
    /// booking's outcome (its cancellation, or why nothing was cancelled), as the booking endpoints map it.
    /// </summary>
    public static async Task<BookingOutcome?> CancelFollowingAsync(Guid id, string? reason, ClaimsPrincipal user, SeriesService series, CancellationToken ct)
    {
        var outcome = await ApiActors.FirstFoundAsync(user, actor => series.CancelFollowingAsync(id, actor, reason, ct), o => o is SeriesOutcome.NotFound);
        return outcome switch
        {
            SeriesOutcome.Cancelled cancelled => new BookingOutcome.Succeeded(cancelled.Bookings[0]),
            SeriesOutcome.Rejected rejected => new BookingOutcome.Rejected(rejected.Error),
            SeriesOutcome.Fault fault => fault.Outcome,
            _ => new BookingOutcome.NotFound(),
        };
    }

    /// <summary>The problem for a cancel scope other than "this" or "following".</summary>
    public static InvalidProblem BadScope() =>
        ApiProblems.Invalid("scope", "El alcance (scope) no es válido: usá \"this\" (solo este turno) o \"following\" (este y los siguientes de la serie).", "request.scope");

    private static async Task<IReadOnlyList<BookingResponse>> BookingsOfAsync(IDbContextFactory<BarberProDbContext> dbFactory, Guid seriesId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bookings = await db.Bookings.AsNoTracking()
            .Include(b => b.Shop).Include(b => b.Provider).Include(b => b.Offering).Include(b => b.Customer)
            .Where(b => b.SeriesId == seriesId)
            .OrderBy(b => b.Start)
            .ToListAsync(ct);
        return bookings.Select(b => b.ToResponse()!).ToList();
    }

    private static SeriesFrequency? ParseFrequency(string? text, List<DomainError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(ApiMapping.Required("frequency", "la frecuencia (frequency)"));
            return null;
        }
        if (char.IsLetter(text[0]) && Enum.TryParse<SeriesFrequency>(text, ignoreCase: true, out var frequency))
            return frequency;
        errors.Add(new("request.frequency", "La frecuencia no es válida: usá daily, weekly, biweekly o monthly.", "frequency"));
        return null;
    }

    private static string FrequencyName(SeriesFrequency frequency) => frequency.ToString().ToLowerInvariant();
}

/// <summary>The series' request and response examples in the OpenAPI document.</summary>
public static class SeriesApiExamples
{
    private static readonly TimeSpan Ar = TimeSpan.FromHours(-3);
    private static readonly Guid SeriesId = Guid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(month == 1 ? 2027 : 2026, month, day, hour, minute, 0, Ar);
    private static SlotResponse Slot(int month, int day, int hour, int minute = 0) => new(At(month, day, hour, minute), At(month, day, hour, minute).AddMinutes(30));

    public static readonly SeriesPreviewRequest PreviewRequest = new(ApiExamples.ProviderId, ApiExamples.ServiceId, "2026-12-08T10:00:00-03:00", "weekly", 4, null);

    public static readonly SeriesPreviewResponse Preview = new("weekly", "America/Argentina/Buenos_Aires",
    [
        new(0, At(12, 8, 10), At(12, 8, 10, 30), true, null, null, []),
        new(1, At(12, 15, 10), At(12, 15, 10, 30), false, "slot.taken", "Ese horario acaba de ocuparse. Elegí otro de los disponibles.",
            [Slot(12, 15, 9), Slot(12, 15, 9, 15), Slot(12, 15, 10, 45)]),
        new(2, At(12, 22, 10), At(12, 22, 10, 30), false, "slot.shop_closed", "El local está cerrado ese día. Elegí otra fecha.", []),
        new(3, At(12, 29, 10), At(12, 29, 10, 30), true, null, null, []),
    ], false, false);

    public static readonly HttpValidationProblemDetails PreviewInvalid = Validation("request.frequency",
        new() { ["frequency"] = ["La frecuencia no es válida: usá daily, weekly, biweekly o monthly."] });

    public static readonly CreateSeriesRequest CreateRequest = new(ApiExamples.ProviderId, ApiExamples.ServiceId, "weekly",
        ["2026-12-08T10:00:00-03:00", "2026-12-15T10:45:00-03:00", "2026-12-29T10:00:00-03:00"], "Degradé bajo", null, "2026-12-08T10:00:00-03:00");

    public static readonly SeriesResponse Created = new(SeriesId,
    [
        ApiExamples.Booking with { SeriesId = SeriesId },
        ApiExamples.Booking with { Id = Guid.Parse("6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2b"), Start = At(12, 15, 10, 45), End = At(12, 15, 11, 15), SeriesId = SeriesId },
        ApiExamples.Booking with { Id = Guid.Parse("6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2c"), Start = At(12, 29, 10), End = At(12, 29, 10, 30), SeriesId = SeriesId },
    ]);

    public static readonly ProblemDetails Clashes = WithClashes(ApiProblems.Problem(409, "Conflicto",
        "Algunos turnos de la serie ya no están disponibles, así que no se reservó ninguno. Elegí otro horario para esos o salteálos.", "series.clash"),
        [new(At(12, 15, 10, 45), "slot.taken", "Ese horario acaba de ocuparse. Elegí otro de los disponibles.")]);

    public static readonly HttpValidationProblemDetails NotInPattern = Validation("series.not_in_pattern",
        new() { ["occurrences"] = ["Cada turno de la serie tiene que caer en una de sus fechas."] });

    public static readonly CancelBookingRequest CancelFollowing = new("Me mudo de barrio", "following");

    private static ProblemDetails WithClashes(ProblemDetails problem, IReadOnlyList<SeriesClashResponse> clashes)
    {
        problem.Extensions["clashes"] = clashes;
        return problem;
    }

    private static HttpValidationProblemDetails Validation(string code, Dictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Datos inválidos",
            Detail = string.Join(" ", errors.Values.SelectMany(v => v)),
        };
        problem.Extensions[ApiProblems.CodeKey] = code;
        return problem;
    }
}
