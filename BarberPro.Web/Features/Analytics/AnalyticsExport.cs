using System.Security.Claims;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Analytics;
using BarberPro.Domain.Bookings;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Web.Features.Analytics;

/// <summary>
/// GET /admin/analitica/exportar and /agenda/analitica/exportar: the CSV of the bookings behind a page's figures
/// (…/resumen: the headline figures against the previous period, for Excel), for the
/// signed-in user (the sign-in cookie), with the page's query string (<c>local</c>, <c>desde</c>, <c>hasta</c>,
/// <c>barbero</c>, <c>servicio</c>) and <c>formato=simple</c> for plain CSV. The owner's address acts as admin or owner,
/// the barber's as the barber: <see cref="AnalyticsService"/> decides what each sees, anything else is 404.
/// </summary>
public static class AnalyticsExport
{
    public const string Suffix = "/exportar";
    public const string SummarySuffix = "/resumen";

    public static string PathFor(AnalyticsAudience audience) => AnalyticsPages.PathFor(audience) + Suffix;

    public static string SummaryPathFor(AnalyticsAudience audience) => AnalyticsPages.PathFor(audience) + SummarySuffix;

    public static IEndpointRouteBuilder MapAnalyticsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathFor(AnalyticsAudience.Owner), (HttpContext http, ClaimsPrincipal user, AnalyticsService analytics, CancellationToken ct) =>
            ExportAsync(http, ActorFor(user, AnalyticsAudience.Owner), analytics, ct)).RequireAuthorization(p => p.RequireRole(Roles.Owner, Roles.Admin));
        endpoints.MapGet(PathFor(AnalyticsAudience.Barber), (HttpContext http, ClaimsPrincipal user, AnalyticsService analytics, CancellationToken ct) =>
            ExportAsync(http, ActorFor(user, AnalyticsAudience.Barber), analytics, ct)).RequireAuthorization(p => p.RequireRole(Roles.Provider));
        endpoints.MapGet(SummaryPathFor(AnalyticsAudience.Owner), (HttpContext http, ClaimsPrincipal user, AnalyticsService analytics, CancellationToken ct) =>
            SummaryAsync(http, ActorFor(user, AnalyticsAudience.Owner), analytics, ct)).RequireAuthorization(p => p.RequireRole(Roles.Owner, Roles.Admin));
        endpoints.MapGet(SummaryPathFor(AnalyticsAudience.Barber), (HttpContext http, ClaimsPrincipal user, AnalyticsService analytics, CancellationToken ct) =>
            SummaryAsync(http, ActorFor(user, AnalyticsAudience.Barber), analytics, ct)).RequireAuthorization(p => p.RequireRole(Roles.Provider));
        return endpoints;
    }

    private static Actor? ActorFor(ClaimsPrincipal user, AnalyticsAudience audience) =>
        audience == AnalyticsAudience.Barber
            ? Components.CurrentUser.As(user, ActorRole.Provider)
            : Components.CurrentUser.As(user, ActorRole.Admin) ?? Components.CurrentUser.As(user, ActorRole.Owner);

    private static async Task<IResult> ExportAsync(HttpContext http, Actor? actor, AnalyticsService analytics, CancellationToken ct)
    {
        if (Read(http.Request.Query, actor) is not { } query)
            return Results.NotFound();
        if (query.Problem is { } problem)
            return problem;
        var result = await analytics.BookingsAsync(query.Value!, actor!, ct);
        if (result.IsNotFound)
            return Results.NotFound();
        if (result.Error is { } error)
            return BadRequest(error.Message, error.Code);
        var format = AnalyticsCsv.FormatOf(http.Request.Query["formato"]);
        var name = $"turnos-{ApiTime.Out(query.Value!.From)}-al-{ApiTime.Out(query.Value.To)}{(format == CsvFormat.Plain ? "-simple" : "")}.csv";
        return Results.Stream(stream => AnalyticsCsv.WriteAsync(stream, result.Value!, format, ct), AnalyticsCsv.ContentType, name);
    }

    private static async Task<IResult> SummaryAsync(HttpContext http, Actor? actor, AnalyticsService analytics, CancellationToken ct)
    {
        if (Read(http.Request.Query, actor) is not { } query)
            return Results.NotFound();
        if (query.Problem is { } problem)
            return problem;
        var result = await analytics.ReportAsync(query.Value!, actor!, ct);
        if (result.IsNotFound)
            return Results.NotFound();
        if (result.Error is { } error)
            return BadRequest(error.Message, error.Code);
        var name = $"resumen-{ApiTime.Out(query.Value!.From)}-al-{ApiTime.Out(query.Value.To)}.csv";
        return Results.Stream(stream => AnalyticsCsv.WriteSummaryAsync(stream, result.Value!, ct), AnalyticsCsv.ContentType, name);
    }

    /// <summary>The page's query string as a query; null (404) without an actor or a shop id; a 400 for unreadable dates or ids.</summary>
    private static (AnalyticsQuery? Value, IResult? Problem)? Read(IQueryCollection q, Actor? actor)
    {
        if (actor is null || !Guid.TryParse(q["local"], out var shopId))
            return null;
        if (!ApiTime.TryParseDate(q["desde"], out var from) || !ApiTime.TryParseDate(q["hasta"], out var to))
            return (null, BadRequest("Indicá las fechas desde y hasta como AAAA-MM-DD, por ejemplo desde=2026-11-01&hasta=2026-11-30.", "analytics.dates"));
        Guid? providerId = null, offeringId = null;
        if (!string.IsNullOrEmpty(q["barbero"]))
        {
            if (!Guid.TryParse(q["barbero"], out var p))
                return (null, BadRequest("El profesional indicado no es válido.", "analytics.provider"));
            providerId = p;
        }
        if (!string.IsNullOrEmpty(q["servicio"]))
        {
            if (!Guid.TryParse(q["servicio"], out var s))
                return (null, BadRequest("El servicio indicado no es válido.", "analytics.service"));
            offeringId = s;
        }
        return (new AnalyticsQuery(shopId, from, to, providerId, offeringId), null);
    }

    private static IResult BadRequest(string detail, string code) =>
        Results.Problem(ApiProblems.Problem(StatusCodes.Status400BadRequest, "Solicitud inválida", detail, code));
}
