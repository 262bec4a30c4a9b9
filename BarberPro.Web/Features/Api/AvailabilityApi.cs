using BarberPro.Domain.Availability;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>Free slots and slot checks, answered by the same availability engine the booking service uses.</summary>
public static class AvailabilityApi
{
    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/providers/{providerId}/availability", GetAvailability)
            .WithTags("Availability")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetAvailability")
            .WithSummary("Free slots of a provider on a date")
            .WithDescription("The bookable starts for one service on one date (YYYY-MM-DD, the shop's calendar), each with its end. Respects working hours, date overrides, time off, other bookings with their buffers, the minimum notice and the booking horizon. Anonymous. "
                + "For several services in one visit give serviceIds instead of serviceId (comma-separated, in order, at most 4): the starts where the whole visit fits, back to back, each slot ending when the visit does; 404 when the provider does not do every one. "
                + "The answer carries a weak ETag: send it back in If-None-Match and get 304 with no body while the slots are the same.")
            .Produces(StatusCodes.Status304NotModified)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Availability)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ApiExamples.AvailabilityInvalid);

        app.MapPost("/api/v1/bookings/advanced/availability/check", CheckSlot)
            .WithTags("Availability")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("CheckSlot")
            .WithSummary("Check whether one start can be booked")
            .WithDescription("Says whether startTime is bookable now and, when it is not, why (the domain's code and a Spanish message) and the nearest free starts. Anonymous. A check is not a hold: book with POST /api/v1/bookings.")
            .WithRequestExample(ApiExamples.CheckRequest)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.CheckTaken);
        return app;
    }

    /// <param name="providerId">The provider's id.</param>
    /// <param name="serviceId">The service (offering) to book; its duration and buffers shape the slots.</param>
    /// <param name="serviceIds">Instead of serviceId: several services in one visit, comma-separated, in order (at most 4).</param>
    /// <param name="date">A date in the shop's calendar, YYYY-MM-DD.</param>
    public static async Task<Results<Ok<AvailabilityResponse>, StatusCodeHttpResult, NotFoundProblem, InvalidProblem>> GetAvailability(
        Guid providerId, string? serviceId, string? serviceIds, string? date, AvailabilityService availability, HttpContext http, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var offeringIds = ApiServiceIds.FromQuery(serviceId, serviceIds, errors);
        if (!ApiTime.TryParseDate(date, out var day))
            errors.Add(string.IsNullOrEmpty(date) ? ApiMapping.Required("date", "la fecha (date, AAAA-MM-DD)") : ApiMapping.BadDate("date"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var slots = await availability.GetSlotsAsync(providerId, offeringIds!, day, ct);
        if (slots is null)
            return ApiProblems.NotFound(offeringIds!.Count == 1 ? "Ese profesional no existe o no ofrece ese servicio." : "Ese profesional no existe o no hace todos esos servicios.");
        var offeringId = offeringIds![0];
        if (ApiETags.NotModified(http, ApiETags.ForSlots(slots.Starts, slots.Duration, slots.Zone, providerId, offeringId)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(new AvailabilityResponse(ApiTime.Out(day), slots.Zone.Id, providerId, offeringId, ApiMapping.Slots(slots.Starts, slots.Duration, slots.Zone),
            offeringIds));
    }

    public static async Task<Results<Ok<AvailabilityCheckResponse>, NotFoundProblem, InvalidProblem>> CheckSlot(
        AvailabilityCheckRequest request, AvailabilityService availability, IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        if (request.ProviderId is null)
            errors.Add(ApiMapping.Required("providerId", "el profesional (providerId)"));
        var offeringIds = ApiServiceIds.FromBody(request.ServiceId, request.ServiceIds, errors);
        if (!ApiTime.TryParseInstant(request.StartTime, out var start))
            errors.Add(string.IsNullOrEmpty(request.StartTime) ? ApiMapping.Required("startTime", "la fecha y hora (startTime)") : ApiMapping.BadInstant("startTime"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var answer = await availability.CheckAsync(request.ProviderId!.Value, offeringIds!, start, ct);
        var shape = await SlotFormat.LoadAsync(dbFactory, request.ProviderId.Value, offeringIds!, ct);
        if (answer is null || shape is null)
            return ApiProblems.NotFound("Ese profesional no existe o no ofrece ese servicio.");
        var error = answer.Refusal;
        return TypedResults.Ok(new AvailabilityCheckResponse(answer.Available, error?.Code, error?.Message,
            ApiMapping.Slots(answer.Alternatives, shape.Duration, shape.Zone)));
    }
}

/// <summary>What a slot of a service (or a visit of several) with a provider looks like: its length and the zone to show it in.</summary>
public sealed record SlotFormat(Duration Duration, DateTimeZone Zone)
{
    public static async Task<SlotFormat?> LoadAsync(IDbContextFactory<BarberProDbContext> dbFactory, Guid providerId, IReadOnlyList<Guid> offeringIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
        var offerings = await db.Offerings.Where(o => offeringIds.Contains(o.Id)).ToListAsync(ct);
        if (zoneId is null || offerings.Count != offeringIds.Count)
            return null;
        return new SlotFormat(Visit.Length(offerings), DateTimeZoneProviders.Tzdb[zoneId]);
    }
}
