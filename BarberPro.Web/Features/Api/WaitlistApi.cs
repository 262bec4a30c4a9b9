using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Waitlist;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>Join the waitlist: a service on a date, with a provider or any (providerId null), an optional window; or a full group session (sessionId).</summary>
/// <param name="Date">YYYY-MM-DD, the shop's date.</param>
/// <param name="From">Earliest start, HH:mm ("17:00"); optional.</param>
/// <param name="To">Latest end, HH:mm ("20:00"); optional.</param>
public sealed record JoinWaitlistRequest(Guid? ProviderId, Guid? ServiceId, string? Date, string? From = null, string? To = null, Guid? SessionId = null);

/// <summary>Staff hold a free slot by hand for an entry; providerId is needed for a "cualquiera" entry.</summary>
public sealed record OfferWaitlistRequest(string? StartTime, Guid? ProviderId = null);

/// <summary>A slot (or a session seat) held for the entry until <paramref name="ExpiresAt"/>.</summary>
public sealed record WaitlistOfferResponse(Guid ProviderId, string? ProviderName, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset ExpiresAt);

/// <summary>A waitlist entry. status: waiting, offered, booked, expired or left; offer only while one is live (status offered and not expired).</summary>
/// <param name="CustomerName">Only in the staff queue.</param>
/// <param name="CustomerPhone">Only in the staff queue.</param>
public sealed record WaitlistEntryResponse(Guid Id, Guid ShopId, string ShopName, Guid ServiceId, string ServiceName, Guid? ProviderId, string? ProviderName,
    Guid? SessionId, string Date, string? From, string? To, string Status, DateTimeOffset JoinedAt, WaitlistOfferResponse? Offer, Guid? BookingId,
    string? CustomerName = null, string? CustomerPhone = null);

public sealed record WaitlistListResponse(IReadOnlyList<WaitlistEntryResponse> Items);

/// <summary>
/// The waitlist over HTTP, through <see cref="WaitlistService"/>: customers join, list, accept, decline and leave their
/// entries; staff of a shop read a day's queue and offer a slot by hand. Not the caller's → 404; a refusal that depends on
/// the entry's or the agenda's state (offer expired, already waiting, slot taken) → 409; bad input → 422.
/// </summary>
public static class WaitlistApi
{
    private static readonly HashSet<string> StateRefusals =
    [
        WaitlistErrors.OfferExpired.Code, WaitlistErrors.NotOffered.Code, WaitlistErrors.NotLive.Code, WaitlistErrors.Duplicate.Code,
        WaitlistErrors.SlotAvailable.Code, WaitlistErrors.SessionNotFull.Code, WaitlistErrors.AlreadyInSession.Code, WaitlistErrors.SessionClosed.Code,
        "waitlist.already_offered", "slot.taken", "session.full", "session.already_joined", "session.started", "session.cancelled",
    ];

    public static IEndpointRouteBuilder MapWaitlistApi(this IEndpointRouteBuilder app)
    {
        var waitlist = app.MapSignedInGroup("/api/v1/waitlist", "Waitlist");

        waitlist.MapPost("/", Join)
            .WithName("JoinWaitlist")
            .WithSummary("Join the waitlist for a full day or a full group session")
            .WithDescription("For the signed-in customer: serviceId and date (YYYY-MM-DD), providerId or null for any provider, and an optional window from/to (HH:mm: the service must start at or after from and end by to); or sessionId of a full group session. When a matching slot frees (a cancellation, a booking moved away, an offer declined or expired), the first entry in order of joining gets an offer: the slot is held for it for the shop's hold time (15 minutes by default) and nobody else can book it meanwhile. 409 when a slot in the window is free right now (book it instead), when the session still has places, or when the customer already waits for the same thing; 422 for a past date, a date beyond the shop's horizon or an empty window.")
            .WithRequestExample(Examples.Join)
            .WithResponseExample(StatusCodes.Status201Created, Examples.Waiting)
            .WithResponseExample(StatusCodes.Status409Conflict, Examples.SlotAvailable)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, Examples.DatePast);

        waitlist.MapGet("/", Mine)
            .WithName("ListMyWaitlist")
            .WithSummary("The caller's waitlist entries")
            .WithDescription("Live entries and those of the last 30 days, by date. An entry with status offered carries offer {providerId, start, end, expiresAt}: accept it before expiresAt.")
            .WithResponseExample(StatusCodes.Status200OK, new WaitlistListResponse([Examples.Offered]));

        waitlist.MapPost("/{id}/accept", Accept)
            .WithName("AcceptWaitlistOffer")
            .WithSummary("Book the slot held for the entry")
            .WithDescription("Books the held slot through the normal booking pipeline and marks the entry booked. 201 with the booking; 409 when the offer expired (code waitlist.offer_expired) or the entry has no offer; 404 when the entry is not the caller's.")
            .WithApiRateLimit(ApiRateLimits.BookingsPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithResponseExample(StatusCodes.Status201Created, ApiExamples.Booking)
            .WithResponseExample(StatusCodes.Status409Conflict, Examples.OfferExpired);

        waitlist.MapPost("/{id}/decline", Decline)
            .WithName("DeclineWaitlistOffer")
            .WithSummary("Decline the held slot and leave the list")
            .WithDescription("The entry leaves the list (status left) and the held slot is offered at once to the next matching entry. 409 when the entry is no longer live.")
            .WithResponseExample(StatusCodes.Status200OK, Examples.Offered with { Status = "left", Offer = null });

        waitlist.MapDelete("/{id}", Leave)
            .WithName("LeaveWaitlist")
            .WithSummary("Leave the waitlist")
            .WithDescription("The entry's status becomes left; a slot held for it is offered to the next entry. 409 when the entry is no longer live.")
            .WithResponseExample(StatusCodes.Status200OK, Examples.Waiting with { Status = "left" });

        waitlist.MapPost("/{id}/offer", OfferByHand)
            .WithName("OfferWaitlistSlot")
            .WithSummary("Hold a slot by hand for an entry (staff)")
            .WithDescription("Staff who manage the provider's agenda hold startTime for a waiting entry (or one whose offer ran out), as if it had freed: the customer is told and has the shop's hold time to accept. providerId is required for an entry for any provider. 409 when the slot is not free or the entry already holds one; 404 for anyone else.")
            .WithRequestExample(new OfferWaitlistRequest("2026-12-08T18:00:00-03:00"))
            .WithResponseExample(StatusCodes.Status200OK, Examples.Offered)
            .WithResponseExample(StatusCodes.Status409Conflict, ApiExamples.SlotTaken);

        app.MapGet("/api/v1/shops/{shopId}/waitlist", Queue)
            .WithTags("Waitlist")
            .RequireAuthorization(ApiSetup.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("ShopWaitlistQueue")
            .WithSummary("A day's waitlist queue (staff)")
            .WithDescription("The entries of the shop's date (date=YYYY-MM-DD, required) in order of joining, with the customer's name and phone. The owner sees all; a provider those for them or for any provider; 404 for anyone else.")
            .WithResponseExample(StatusCodes.Status200OK, new WaitlistListResponse([Examples.Waiting with { CustomerName = "Ana Suárez", CustomerPhone = "+5491123456789" }]));
        return app;
    }

    public static async Task<Results<Created<WaitlistEntryResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> Join(
        JoinWaitlistRequest request, ClaimsPrincipal user, WaitlistService waitlist, IClock clock, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        LocalDate date = default;
        if (request.SessionId is null)
        {
            if (request.ServiceId is null)
                errors.Add(ApiMapping.Required("serviceId", "el servicio (serviceId)"));
            if (!ApiTime.TryParseDate(request.Date, out date))
                errors.Add(string.IsNullOrEmpty(request.Date) ? ApiMapping.Required("date", "la fecha (date)") : ApiMapping.BadDate("date"));
        }
        LocalTime? from = null, to = null;
        if (request.From is not null)
        {
            if (ApiTime.TryParseTime(request.From, out var parsed))
                from = parsed;
            else
                errors.Add(BadTime("from"));
        }
        if (request.To is not null)
        {
            if (ApiTime.TryParseTime(request.To, out var parsed))
                to = parsed;
            else
                errors.Add(BadTime("to"));
        }
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var customer = ApiActors.All(user).FirstOrDefault(a => a.Role == ActorRole.Customer);
        if (customer is null)
            return ApiProblems.NotFound("Solo los clientes se anotan en la lista de espera.");
        var joined = await waitlist.JoinAsync(new JoinWaitlist(request.ServiceId ?? Guid.Empty, request.ProviderId, date, from, to, request.SessionId), customer, ct);
        if (joined.IsNotFound)
            return ApiProblems.NotFound("Ese servicio, profesional o clase no existe.");
        if (joined.Error is { } error)
            return StateRefusals.Contains(error.Code) ? ApiProblems.Conflict(error) : ApiProblems.Invalid(error);
        var view = await waitlist.FindAsync(joined.Value!.Id, customer, ct);
        var body = ToResponse(view!, includeCustomer: false, clock.GetCurrentInstant());
        return TypedResults.Created($"/api/v1/waitlist/{body.Id}", body);
    }

    public static async Task<Ok<WaitlistListResponse>> Mine(ClaimsPrincipal user, WaitlistService waitlist, IClock clock, CancellationToken ct)
    {
        var customer = ApiActors.All(user).FirstOrDefault(a => a.Role == ActorRole.Customer);
        var mine = customer is null ? [] : await waitlist.MineAsync(customer, ct);
        return TypedResults.Ok(new WaitlistListResponse(mine.Select(v => ToResponse(v, includeCustomer: false, clock.GetCurrentInstant())).ToList()));
    }

    public static async Task<Results<Created<BookingResponse>, NotFoundProblem, ConflictProblem, InvalidProblem, ServiceUnavailableProblem>> Accept(
        Guid id, ClaimsPrincipal user, WaitlistService waitlist, BookingService bookings, CancellationToken ct)
    {
        var outcome = await ApiActors.FirstFoundAsync(user, actor => waitlist.AcceptAsync(id, actor, ct), o => o is BookingOutcome.NotFound);
        switch (outcome)
        {
            case BookingOutcome.Succeeded succeeded:
                var body = succeeded.Booking.ToResponse()
                    ?? (await ApiActors.FirstFoundAsync(user, actor => bookings.FindAsync(succeeded.Booking.Id, actor, ct), b => b is null))?.ToResponse()
                    ?? throw new InvalidOperationException($"Booking {succeeded.Booking.Id} was written but cannot be read back.");
                return TypedResults.Created($"/api/v1/bookings/{body.Id}", body);
            case BookingOutcome.Conflict conflict:
                return ApiProblems.Conflict(conflict.Error);
            case BookingOutcome.Rejected rejected when StateRefusals.Contains(rejected.Error.Code):
                return ApiProblems.Conflict(rejected.Error);
            case BookingOutcome.Rejected rejected:
                return ApiProblems.Invalid(rejected.Error);
            case BookingOutcome.Busy or BookingOutcome.Unavailable:
                return ApiProblems.Unavailable(outcome)!;
            default:
                return ApiProblems.NotFound("No encontramos esa anotación en tu lista de espera.");
        }
    }

    public static Task<Results<Ok<WaitlistEntryResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> Decline(
        Guid id, ClaimsPrincipal user, WaitlistService waitlist, IClock clock, CancellationToken ct) =>
        ChangeAsync(user, waitlist, clock, actor => waitlist.DeclineAsync(id, actor, ct), ct);

    public static Task<Results<Ok<WaitlistEntryResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> Leave(
        Guid id, ClaimsPrincipal user, WaitlistService waitlist, IClock clock, CancellationToken ct) =>
        ChangeAsync(user, waitlist, clock, actor => waitlist.LeaveAsync(id, actor, ct), ct);

    public static async Task<Results<Ok<WaitlistEntryResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> OfferByHand(
        Guid id, OfferWaitlistRequest request, ClaimsPrincipal user, WaitlistService waitlist, IClock clock, CancellationToken ct)
    {
        if (!ApiTime.TryParseInstant(request.StartTime, out var start))
            return ApiProblems.Invalid(string.IsNullOrEmpty(request.StartTime) ? ApiMapping.Required("startTime", "la fecha y hora (startTime)") : ApiMapping.BadInstant("startTime"));
        return await ChangeAsync(user, waitlist, clock, actor => waitlist.OfferByHandAsync(id, start, request.ProviderId, actor, ct), ct, includeCustomer: true);
    }

    public static async Task<Results<Ok<WaitlistListResponse>, NotFoundProblem, InvalidProblem>> Queue(
        Guid shopId, string? date, ClaimsPrincipal user, WaitlistService waitlist, IClock clock, CancellationToken ct)
    {
        if (!ApiTime.TryParseDate(date, out var day))
            return ApiProblems.Invalid(string.IsNullOrEmpty(date) ? ApiMapping.Required("date", "la fecha (date)") : ApiMapping.BadDate("date"));
        var queue = await ApiActors.FirstFoundAsync(user, actor => waitlist.QueueAsync(shopId, day, actor, ct), r => r.IsNotFound);
        if (queue is null || queue.IsNotFound)
            return ApiProblems.NotFound("No encontramos ese local, o no es tuyo.");
        return TypedResults.Ok(new WaitlistListResponse(queue.Value!.Select(v => ToResponse(v, includeCustomer: true, clock.GetCurrentInstant())).ToList()));
    }

    private static async Task<Results<Ok<WaitlistEntryResponse>, NotFoundProblem, ConflictProblem, InvalidProblem>> ChangeAsync(
        ClaimsPrincipal user, WaitlistService waitlist, IClock clock, Func<Actor, Task<Result<WaitlistEntry>>> change, CancellationToken ct, bool includeCustomer = false)
    {
        Actor? by = null;
        var result = await ApiActors.FirstFoundAsync(user, async actor =>
        {
            by = actor;
            return await change(actor);
        }, r => r.IsNotFound);
        if (result is null || result.IsNotFound)
            return ApiProblems.NotFound("No encontramos esa anotación en la lista de espera.");
        if (result.Error is { } error)
            return StateRefusals.Contains(error.Code) ? ApiProblems.Conflict(error) : ApiProblems.Invalid(error);
        var view = await waitlist.FindAsync(result.Value!.Id, by!, ct);
        return TypedResults.Ok(ToResponse(view!, includeCustomer, clock.GetCurrentInstant()));
    }

    private static DomainError BadTime(string field) =>
        new("request.time_format", "La hora no es válida. Usá el formato HH:mm, por ejemplo 17:00.", field);

    /// <summary>The API form of an entry; the offer only while it is live (an expired hold offers nothing).</summary>
    public static WaitlistEntryResponse ToResponse(WaitlistView view, bool includeCustomer, Instant now)
    {
        var e = view.Entry;
        var zone = view.Zone;
        var offer = e.HoldsAt(now) && e.OfferStart is { } start && e.OfferEnd is { } end && e.OfferExpiresAt is { } expires
            ? new WaitlistOfferResponse(e.OfferProviderId!.Value, view.OfferProviderName, ApiTime.Out(start, zone), ApiTime.Out(end, zone), ApiTime.Out(expires, zone))
            : null;
        return new WaitlistEntryResponse(e.Id, e.ShopId, view.ShopName, e.OfferingId, view.OfferingName, e.ProviderId, view.ProviderName, e.SessionId,
            ApiTime.Out(e.Date), e.From is { } from ? ApiTime.Out(from) : null, e.To is { } to ? ApiTime.Out(to) : null,
            StatusName(e.StatusAt(now)), ApiTime.Out(e.CreatedAt, zone), offer, e.BookingId,
            includeCustomer ? view.CustomerName : null, includeCustomer ? view.CustomerPhone : null);
    }

    public static string StatusName(WaitlistStatus status) => status switch
    {
        WaitlistStatus.Waiting => "waiting",
        WaitlistStatus.Offered => "offered",
        WaitlistStatus.Booked => "booked",
        WaitlistStatus.Expired => "expired",
        _ => "left",
    };

    /// <summary>The OpenAPI examples of the waitlist endpoints.</summary>
    private static class Examples
    {
        private static readonly TimeSpan Ar = TimeSpan.FromHours(-3);
        private static readonly Guid EntryId = Guid.Parse("0b9e5f4a-7c3d-4e21-a8f6-5d4c3b2a1e0f");
        private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Ar);

        public static readonly JoinWaitlistRequest Join = new(ApiExamples.ProviderId, ApiExamples.ServiceId, "2026-12-08", "17:00", "20:00");
        public static readonly WaitlistEntryResponse Waiting = new(EntryId, ApiExamples.ShopId, "BarberPro Palermo", ApiExamples.ServiceId, "Corte",
            ApiExamples.ProviderId, "Diego", null, "2026-12-08", "17:00", "20:00", "waiting", At(7, 9, 30), null, null);
        public static readonly WaitlistEntryResponse Offered = Waiting with
        {
            Status = "offered",
            Offer = new WaitlistOfferResponse(ApiExamples.ProviderId, "Diego", At(8, 18), At(8, 18, 30), At(7, 11, 15)),
        };
        public static readonly ProblemDetails SlotAvailable = Problem(409, "Conflicto", WaitlistErrors.SlotAvailable);
        public static readonly ProblemDetails OfferExpired = Problem(409, "Conflicto", WaitlistErrors.OfferExpired);
        public static readonly HttpValidationProblemDetails DatePast = new(new Dictionary<string, string[]> { ["date"] = [WaitlistErrors.DatePast.Message] })
        {
            Status = 422, Title = "Datos inválidos", Detail = WaitlistErrors.DatePast.Message, Extensions = { [ApiProblems.CodeKey] = WaitlistErrors.DatePast.Code },
        };

        private static ProblemDetails Problem(int status, string title, DomainError error) => ApiProblems.Problem(status, title, error.Message, error.Code);
    }
}
