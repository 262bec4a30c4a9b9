using BarberPro.Domain.Availability;
using BarberPro.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BarberPro.Web.Features.Api;

/// <summary>Free slots with any provider of a shop ("cualquiera"), answered by the same engine, all providers read at once.</summary>
public static class AnyAvailabilityApi
{
    public static IEndpointRouteBuilder MapAnyAvailabilityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/shops/{shopId}/availability", GetAnyAvailability)
            .WithTags("Availability")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetAnyAvailability")
            .WithSummary("Free slots with any provider of a shop (\"cualquiera\")")
            .WithDescription("The bookable starts for one service on one date (YYYY-MM-DD, the shop's calendar) with whichever active provider of the shop offers it, "
                + "each with its end and the providers free then (book with POST /api/v1/bookings naming one of them). Anonymous. 404 when no active provider of the shop offers the service. "
                + "For several services in one visit give serviceIds instead of serviceId (comma-separated, in order, at most 4): only providers who do every one, free for the whole visit back to back. "
                + "The answer carries a weak ETag: send it back in If-None-Match and get 304 with no body while the slots are the same.")
            .WithResponseExample(StatusCodes.Status200OK, Example)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ApiExamples.AvailabilityInvalid);
        return app;
    }

    private static readonly AnyAvailabilityResponse Example = new("2026-12-08", "America/Argentina/Buenos_Aires",
        Guid.Parse("0d6f2a4e-5b1c-4f8e-9a3d-2c7b8e1f4a60"), ApiExamples.Availability.ServiceId,
        [new AnySlotResponse(ApiExamples.Availability.Slots[0].Start, ApiExamples.Availability.Slots[0].End, [ApiExamples.Availability.ProviderId])]);

    /// <param name="shopId">The shop's id.</param>
    /// <param name="serviceId">The service (offering) to book.</param>
    /// <param name="serviceIds">Instead of serviceId: several services in one visit, comma-separated, in order (at most 4).</param>
    /// <param name="date">A date in the shop's calendar, YYYY-MM-DD.</param>
    public static async Task<Results<Ok<AnyAvailabilityResponse>, StatusCodeHttpResult, NotFoundProblem, InvalidProblem>> GetAnyAvailability(
        Guid shopId, string? serviceId, string? serviceIds, string? date, AvailabilityService availability, HttpContext http, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var offeringIds = ApiServiceIds.FromQuery(serviceId, serviceIds, errors);
        if (!ApiTime.TryParseDate(date, out var day))
            errors.Add(string.IsNullOrEmpty(date) ? ApiMapping.Required("date", "la fecha (date, AAAA-MM-DD)") : ApiMapping.BadDate("date"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var any = await availability.GetAnyDayAsync(shopId, offeringIds!, day, ct);
        if (any is null)
            return ApiProblems.NotFound(offeringIds!.Count == 1 ? "Ese local no existe o ningún profesional suyo ofrece ese servicio."
                : "Ese local no existe o ningún profesional suyo hace todos esos servicios.");
        var offeringId = offeringIds![0];
        var tag = ApiETags.Weak(any.Slots.SelectMany(s => s.FreeProviderIds.Select(p => (long)p.GetHashCode()).Prepend(s.Start.ToUnixTimeTicks()))
            .Prepend(any.Duration.BclCompatibleTicks));
        if (ApiETags.NotModified(http, tag))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(new AnyAvailabilityResponse(ApiTime.Out(day), any.Zone.Id, shopId, offeringId,
            any.Slots.Select(s => new AnySlotResponse(ApiTime.Out(s.Start, any.Zone), ApiTime.Out(s.Start + any.Duration, any.Zone), s.FreeProviderIds)).ToList(),
            offeringIds));
    }
}

/// <summary>A free start with any provider: its end, and the providers free then.</summary>
public sealed record AnySlotResponse(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Guid> ProviderIds);

/// <summary>The "cualquiera" slots of a shop for one service (or a visit of several: <paramref name="ServiceIds"/>, in order) on one date.</summary>
public sealed record AnyAvailabilityResponse(string Date, string TimeZone, Guid ShopId, Guid ServiceId, IReadOnlyList<AnySlotResponse> Slots,
    IReadOnlyList<Guid>? ServiceIds = null);
