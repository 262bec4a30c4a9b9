using System.Reflection;
using System.Security.Claims;
using BarberPro.Domain.Analytics;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace BarberPro.Web.Features.Analytics;

/// <summary>
/// GET /api/v1/shops/{shopId}/analytics: the analytics report as JSON. The shop's owner (or an admin) gets everything and
/// may filter by provider and service; a provider's token gets their own numbers; anyone else 404.
/// <see cref="AnalyticsService"/> decides all of it.
/// </summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSignedInGroup("/api/v1", "Owner: analytics");
        api.MapGet("/shops/{shopId}/analytics", GetAnalytics)
            .WithName("GetShopAnalytics")
            .WithSummary("How the shop is doing in a range of days")
            .WithDescription("Both dates inclusive, in the shop's calendar (YYYY-MM-DD), at most " + AnalyticsQuery.MaxDays + " days. " +
                "Every figure counts bookings by the local day of their appointment; money is each booking's price snapshot in ARS. " +
                "`previous` holds the same figures for the period of equal length just before. Rates are fractions (0.125 = 12,5 %); null when there is nothing to divide by. " +
                "The shop's owner or an admin sees every provider and may filter by providerId and serviceId; a provider's token gets their own numbers only; anyone else 404. " +
                "An unreadable date or a range that is backwards or too long answers 400.")
            .WithResponseExample(StatusCodes.Status200OK, Example)
            .WithResponseExample(StatusCodes.Status400BadRequest, ApiProblems.Problem(400, "Solicitud inválida",
                $"El rango de fechas no es válido: la fecha de inicio debe ser anterior o igual a la de fin, y el rango de hasta {AnalyticsQuery.MaxDays} días.", "analytics.range"));
        return app;
    }

    /// <param name="shopId">The shop.</param>
    /// <param name="from">First day, YYYY-MM-DD (shop-local).</param>
    /// <param name="to">Last day, YYYY-MM-DD (shop-local), inclusive.</param>
    /// <param name="providerId">Only this provider's bookings (the owner's filter; a provider may name only themselves).</param>
    /// <param name="serviceId">Only bookings of this service.</param>
    public static async Task<Results<Ok<AnalyticsResponse>, BadRequestProblem, NotFoundProblem>> GetAnalytics(
        Guid shopId, string? from, string? to, string? providerId, string? serviceId, ClaimsPrincipal user, AnalyticsService analytics, CancellationToken ct)
    {
        if (!ApiTime.TryParseDate(from, out var first))
            return BadRequest(string.IsNullOrEmpty(from) ? ApiMapping.Required("from", "la fecha desde (from, AAAA-MM-DD)") : ApiMapping.BadDate("from"));
        if (!ApiTime.TryParseDate(to, out var last))
            return BadRequest(string.IsNullOrEmpty(to) ? ApiMapping.Required("to", "la fecha hasta (to, AAAA-MM-DD)") : ApiMapping.BadDate("to"));
        if (!TryParseId(providerId, out var provider))
            return BadRequest(new DomainError("request.guid", "El profesional (providerId) no es un identificador válido.", "providerId"));
        if (!TryParseId(serviceId, out var service))
            return BadRequest(new DomainError("request.guid", "El servicio (serviceId) no es un identificador válido.", "serviceId"));

        var query = new AnalyticsQuery(shopId, first, last, provider, service);
        var result = await ApiActors.FirstFoundAsync(user, actor => analytics.ReportAsync(query, actor, ct), r => r.IsNotFound);
        if (result is null || result.IsNotFound)
            return ApiProblems.NotFound("No encontramos ese local, o no tenés acceso a sus números.");
        if (result.Error is { } error)
            return BadRequest(error);
        return TypedResults.Ok(AnalyticsResponse.Of(result.Value!));
    }

    private static bool TryParseId(string? text, out Guid? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!Guid.TryParse(text, out var parsed))
            return false;
        id = parsed;
        return true;
    }

    private static BadRequestProblem BadRequest(DomainError error)
    {
        if (DatabaseFaults.FaultOf(error) is { } fault)
            throw DatabaseFaults.ToException(fault);
        var problem = ApiProblems.Problem(StatusCodes.Status400BadRequest, "Solicitud inválida", error.Message, error.Code);
        if (error.Field is { } field)
            problem.Extensions["field"] = ApiProblems.FieldName(field);
        return new BadRequestProblem(problem);
    }

    private static readonly Guid ClientId = Guid.Parse("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");

    public static readonly AnalyticsResponse Example = AnalyticsResponse.Of(new AnalyticsReport(
        new AnalyticsQuery(ApiExamples.ShopId, new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30)),
        new AnalyticsFigures(new BookingCounts(212, 171, 14, 3, 6, 9), new RevenueFigures(2_154_000m, 96_000m, 12_596.49m),
            new ClientFigures(38, 97, 61, 12), 0.684, Duration.FromHours(52), 0.71),
        new AnalyticsFigures(new BookingCounts(198, 160, 17, 2, 8, 12), new RevenueFigures(1_920_000m, 0m, 12_000m),
            new ClientFigures(31, 92, 55, 15), 0.652, Duration.FromHours(47), 0.66),
        [new ProviderOccupancy(ApiExamples.ProviderId, "Diego", 8_100, 11_400)],
        [new DayOccupancy(new LocalDate(2026, 11, 2), 420, 600)],
        [new TopClient(ClientId, "Ana Suárez", 4, 48_000m)],
        [new TopClient(ClientId, "Ana Suárez", 4, 48_000m)],
        [new TopService(ApiExamples.ServiceId, "Corte", 140, 1_680_000m)],
        [new TopService(ApiExamples.ServiceId, "Corte", 140, 1_680_000m)],
        [new HeatCell(IsoDayOfWeek.Saturday, 11, 23)],
        [new TrendPoint(new LocalDate(2026, 11, 2), 9, 8, 1, 0, 96_000m)],
        false,
        new UnservedDemand(5, [new FullDay(new LocalDate(2026, 11, 28), ApiExamples.ServiceId, "Corte", 3)]),
        new ReminderEffect(120, 2, 51, 7)));
}

/// <summary>400 with a Spanish <c>detail</c> and the <c>code</c>: a date that cannot be read, or a range the report refuses.</summary>
public sealed class BadRequestProblem(ProblemDetails problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<ProblemDetails>(builder, StatusCodes.Status400BadRequest);
}
