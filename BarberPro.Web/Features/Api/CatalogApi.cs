using System.Security.Claims;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>Owner endpoints for a shop's services, through <see cref="CatalogService"/> (the shop's owner and admins; anyone else gets 404).</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSignedInGroup("/api/v1", "Owner: services");

        api.MapPost("/shops/{shopId}/services", CreateService)
            .WithName("CreateService")
            .WithSummary("Add a service to a shop")
            .WithDescription("Owner of the shop or admin. Duration and buffers in whole minutes (duration + buffers ≤ 12 h), price in the shop's currency with up to 2 decimals, capacity 1–100.")
            .WithRequestExample(ApiExamples.ServiceRequest)
            .WithResponseExample(StatusCodes.Status201Created, ApiExamples.Service)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ApiExamples.ServiceInvalid);

        api.MapPut("/services/{serviceId}", UpdateService)
            .WithName("UpdateService")
            .WithSummary("Change a service")
            .WithDescription("Owner of the shop or admin. Existing bookings keep the price they were booked at.")
            .WithRequestExample(ApiExamples.ServiceRequest)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Service);

        api.MapPut("/services/{serviceId}/active", SetServiceActive)
            .WithName("SetServiceActive")
            .WithSummary("Activate or deactivate a service")
            .WithDescription("Inactive services cannot be booked (422); existing bookings keep them.")
            .WithRequestExample(new ActiveRequest(false))
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Service with { Active = false });
        return app;
    }

    public static async Task<Results<Created<ServiceResponse>, NotFoundProblem, InvalidProblem>> CreateService(
        Guid shopId, ServiceRequest request, ClaimsPrincipal user, CatalogService catalog, CancellationToken ct)
    {
        if (!TryDraft(request, out var draft, out var errors))
            return ApiProblems.Invalid(errors);
        var result = await ApiActors.FirstFoundAsync(user, actor => catalog.CreateAsync(shopId, draft, actor, ct), r => r.IsNotFound);
        return result switch
        {
            { Succeeded: true } => TypedResults.Created($"/api/v1/services/{result.Value!.Id}", result.Value.ToResponse("ARS")),
            { Error: { } error } => ApiProblems.Invalid(error),
            _ => ApiProblems.NotFound("No encontramos ese local."),
        };
    }

    public static async Task<Results<Ok<ServiceResponse>, NotFoundProblem, InvalidProblem>> UpdateService(
        Guid serviceId, ServiceRequest request, ClaimsPrincipal user, CatalogService catalog, CancellationToken ct)
    {
        if (!TryDraft(request, out var draft, out var errors))
            return ApiProblems.Invalid(errors);
        return ToResult(await ApiActors.FirstFoundAsync(user, actor => catalog.UpdateAsync(serviceId, draft, actor, ct), r => r.IsNotFound));
    }

    public static async Task<Results<Ok<ServiceResponse>, NotFoundProblem, InvalidProblem>> SetServiceActive(
        Guid serviceId, ActiveRequest request, ClaimsPrincipal user, CatalogService catalog, CancellationToken ct)
    {
        if (request.Active is not { } active)
            return ApiProblems.Invalid(ApiMapping.Required("active", "indicar si el servicio queda activo (active: true o false)"));
        return ToResult(await ApiActors.FirstFoundAsync(user, actor => catalog.SetActiveAsync(serviceId, active, actor, ct), r => r.IsNotFound));
    }

    private static Results<Ok<ServiceResponse>, NotFoundProblem, InvalidProblem> ToResult(Result<Offering>? result) => result switch
    {
        { Succeeded: true, Value: { } offering } => TypedResults.Ok(offering.ToResponse(offering.Shop?.Currency ?? "ARS")),
        { Error: { } error } => ApiProblems.Invalid(error),
        _ => ApiProblems.NotFound("No encontramos ese servicio."),
    };

    private static bool TryDraft(ServiceRequest request, out OfferingDraft draft, out List<DomainError> errors)
    {
        errors = [];
        if (string.IsNullOrWhiteSpace(request.Name))
            errors.Add(ApiMapping.Required("name", "el nombre del servicio (name)"));
        if (request.DurationMinutes is null)
            errors.Add(ApiMapping.Required("durationMinutes", "la duración en minutos (durationMinutes)"));
        if (request.Price is null)
            errors.Add(ApiMapping.Required("price", "el precio (price)"));
        if (request.BufferBeforeMinutes < 0 || request.BufferAfterMinutes < 0)
            errors.Add(new("offering.buffer", "Los tiempos de preparación y limpieza no pueden ser negativos.", "bufferBeforeMinutes"));
        draft = errors.Count > 0 ? null! : new OfferingDraft(request.Name!, Duration.FromMinutes(request.DurationMinutes!.Value), request.Price!.Value,
            Duration.FromMinutes(request.BufferBeforeMinutes ?? 0), Duration.FromMinutes(request.BufferAfterMinutes ?? 0), request.Capacity ?? 1, request.Description);
        return errors.Count == 0;
    }
}
