using System.Security.Claims;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// Owner endpoints for providers: accounts (<see cref="StaffAccounts"/>), services, working hours, date overrides and
/// time off (<see cref="ScheduleService"/>). The shop's owner and admins may change everything; a provider may read
/// their own schedule and block or unblock their own time; anyone else gets 404.
/// </summary>
public static class ProvidersApi
{
    public static IEndpointRouteBuilder MapProvidersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSignedInGroup("/api/v1", "Owner: providers and schedules");

        api.MapPost("/shops/{shopId}/providers", CreateProvider)
            .WithName("CreateProvider")
            .WithSummary("Add a provider with an account")
            .WithDescription("Owner of the shop or admin. Creates the provider's sign-in account (Provider role), the provider and the services they do, in one transaction.")
            .WithRequestExample(ApiExamples.CreateProvider)
            .WithResponseExample(StatusCodes.Status201Created, ApiExamples.Provider);

        api.MapGet("/providers/{providerId}", GetProvider)
            .WithName("GetProvider")
            .WithSummary("A provider's schedule")
            .WithDescription("Weekly hours, date overrides, time off and services. The provider themselves, the shop's owner or an admin.")
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Provider);

        api.MapPut("/providers/{providerId}/services", SetServices)
            .WithName("SetProviderServices")
            .WithSummary("Set which services a provider does")
            .WithRequestExample(new ProviderServicesRequest([ApiExamples.ServiceId]))
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Provider);

        api.MapPut("/providers/{providerId}/active", SetActive)
            .WithName("SetProviderActive")
            .WithSummary("Activate or deactivate a provider")
            .WithDescription("An inactive provider takes no new bookings (422); existing bookings stay.")
            .WithRequestExample(new ActiveRequest(false))
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Provider with { Active = false });

        api.MapPut("/providers/{providerId}/working-hours", SetWorkingHours)
            .WithName("SetWorkingHours")
            .WithSummary("Replace a provider's weekly hours")
            .WithDescription("Intervals in the shop's wall-clock time (HH:mm), several per day allowed, not overlapping. Days: monday … sunday.")
            .WithRequestExample(ApiExamples.WorkingHours)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Provider)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ApiExamples.HoursInvalid);

        api.MapPut("/providers/{providerId}/date-overrides/{date}", SetDateOverride)
            .WithName("SetDateOverride")
            .WithSummary("Replace one date's hours")
            .WithDescription("The date (YYYY-MM-DD) gets these ranges instead of the weekly hours; no ranges means closed that day.")
            .WithRequestExample(ApiExamples.DateOverride)
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Provider);

        api.MapDelete("/providers/{providerId}/date-overrides/{date}", ClearDateOverride)
            .WithName("ClearDateOverride")
            .WithSummary("Go back to the weekly hours on a date")
            .WithResponseExample(StatusCodes.Status200OK, ApiExamples.Provider);

        api.MapPost("/providers/{providerId}/time-off", AddTimeOff)
            .WithName("AddTimeOff")
            .WithSummary("Block time")
            .WithDescription("Start and end as shop wall-clock times (2026-12-10T13:00) or instants with an offset; up to a year. Refused (422) while a booking is in the way: move or cancel it first. The provider themselves, the shop's owner or an admin.")
            .WithRequestExample(ApiExamples.TimeOffRequest)
            .WithResponseExample(StatusCodes.Status201Created, ApiExamples.TimeOff)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ApiExamples.TimeOffInTheWay);

        api.MapDelete("/providers/{providerId}/time-off/{timeOffId}", RemoveTimeOff)
            .WithName("RemoveTimeOff")
            .WithSummary("Unblock time");
        return app;
    }

    public static async Task<Results<Created<ProviderResponse>, NotFoundProblem, InvalidProblem>> CreateProvider(
        Guid shopId, CreateProviderRequest request, ClaimsPrincipal user, StaffAccounts staff, ScheduleService schedule, CancellationToken ct)
    {
        var input = new NewProviderAccount(request.FullName ?? "", request.Email ?? "", request.Phone ?? "", request.Password ?? "", request.ServiceIds ?? []);
        var result = await ApiActors.FirstFoundAsync(user, actor => staff.CreateProviderAsync(shopId, input, actor, ct), r => r.IsNotFound);
        if (result is { Succeeded: true })
        {
            var created = await ApiActors.FirstFoundAsync(user, actor => schedule.FindAsync(result.Value!.Id, actor, ct), p => p is null);
            return TypedResults.Created($"/api/v1/providers/{created!.Id}", created.ToResponse());
        }
        return result?.Error is { } error ? ApiProblems.Invalid(error) : ApiProblems.NotFound("No encontramos ese local.");
    }

    public static async Task<Results<Ok<ProviderResponse>, NotFoundProblem>> GetProvider(Guid providerId, ClaimsPrincipal user, ScheduleService schedule, CancellationToken ct)
    {
        var provider = await ApiActors.FirstFoundAsync(user, actor => schedule.FindAsync(providerId, actor, ct), p => p is null);
        return provider is null ? ApiProblems.NotFound("No encontramos ese profesional.") : TypedResults.Ok(provider.ToResponse());
    }

    public static async Task<Results<Ok<ProviderResponse>, NotFoundProblem, InvalidProblem>> SetServices(
        Guid providerId, ProviderServicesRequest request, ClaimsPrincipal user, ScheduleService schedule, CancellationToken ct)
    {
        if (request.ServiceIds is null)
            return ApiProblems.Invalid(ApiMapping.Required("serviceIds", "la lista de servicios (serviceIds)"));
        return ToResult(await ApiActors.FirstFoundAsync(user, actor => schedule.SetOfferingsAsync(providerId, request.ServiceIds, actor, ct), r => r.IsNotFound));
    }

    public static async Task<Results<Ok<ProviderResponse>, NotFoundProblem, InvalidProblem>> SetActive(
        Guid providerId, ActiveRequest request, ClaimsPrincipal user, ScheduleService schedule, CancellationToken ct)
    {
        if (request.Active is not { } active)
            return ApiProblems.Invalid(ApiMapping.Required("active", "indicar si el profesional queda activo (active: true o false)"));
        return ToResult(await ApiActors.FirstFoundAsync(user, actor => schedule.SetActiveAsync(providerId, active, actor, ct), r => r.IsNotFound));
    }

    public static async Task<Results<Ok<ProviderResponse>, NotFoundProblem, InvalidProblem>> SetWorkingHours(
        Guid providerId, WorkingHoursRequest request, ClaimsPrincipal user, ScheduleService schedule, CancellationToken ct)
    {
        if (request.Hours is null)
            return ApiProblems.Invalid(ApiMapping.Required("hours", "la lista de horarios (hours)"));
        var hours = new List<(IsoDayOfWeek, LocalTimeRange)>();
        var errors = new List<DomainError>();
        for (var i = 0; i < request.Hours.Count; i++)
        {
            var entry = request.Hours[i];
            if (entry.Day == IsoDayOfWeek.None || !Enum.IsDefined(entry.Day))
                errors.Add(new("request.day", "Indicá el día: monday, tuesday, … sunday.", $"hours[{i}].day"));
            if (!TryRange(entry.Start, entry.End, out var range))
                errors.Add(BadRange($"hours[{i}]"));
            else
                hours.Add((entry.Day, range));
        }
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return ToResult(await ApiActors.FirstFoundAsync(user, actor => schedule.SetWeeklyHoursAsync(providerId, hours, actor, ct), r => r.IsNotFound));
    }

    /// <param name="date">YYYY-MM-DD in the shop's calendar.</param>
    public static async Task<Results<Ok<ProviderResponse>, NotFoundProblem, InvalidProblem>> SetDateOverride(
        Guid providerId, string date, DateOverrideRequest request, ClaimsPrincipal user, ScheduleService schedule, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        if (!ApiTime.TryParseDate(date, out var day))
            errors.Add(ApiMapping.BadDate("date"));
        var ranges = new List<LocalTimeRange>();
        var given = request.Ranges ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (TryRange(given[i].Start, given[i].End, out var range))
                ranges.Add(range);
            else
                errors.Add(BadRange($"ranges[{i}]"));
        }
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return ToResult(await ApiActors.FirstFoundAsync(user, actor => schedule.SetOverrideAsync(providerId, day, ranges, request.Note, actor, ct), r => r.IsNotFound));
    }

    public static async Task<Results<Ok<ProviderResponse>, NotFoundProblem, InvalidProblem>> ClearDateOverride(
        Guid providerId, string date, ClaimsPrincipal user, ScheduleService schedule, CancellationToken ct)
    {
        if (!ApiTime.TryParseDate(date, out var day))
            return ApiProblems.Invalid(ApiMapping.BadDate("date"));
        return ToResult(await ApiActors.FirstFoundAsync(user, actor => schedule.ClearOverrideAsync(providerId, day, actor, ct), r => r.IsNotFound));
    }

    public static async Task<Results<Created<TimeOffResponse>, NotFoundProblem, InvalidProblem>> AddTimeOff(
        Guid providerId, TimeOffRequest request, ClaimsPrincipal user, ScheduleService schedule, IDbContextFactory<BarberProDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zoneId = await db.Providers.Where(p => p.Id == providerId).Select(p => p.Shop!.TimeZoneId).SingleOrDefaultAsync(ct);
        if (zoneId is null)
            return ApiProblems.NotFound("No encontramos ese profesional.");
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var errors = new List<DomainError>();
        if (!ApiTime.TryParseLocal(request.Start, zone, out var start))
            errors.Add(BadLocal("start"));
        if (!ApiTime.TryParseLocal(request.End, zone, out var end))
            errors.Add(BadLocal("end"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var result = await ApiActors.FirstFoundAsync(user, actor => schedule.AddTimeOffAsync(providerId, start, end, request.Reason, actor, ct), r => r.IsNotFound);
        if (result is { Succeeded: true })
        {
            var added = result.Value!.TimeOff.Last(t => t.Start == start && t.End == end);
            return TypedResults.Created($"/api/v1/providers/{providerId}", new TimeOffResponse(added.Id, ApiTime.Out(added.Start, zone), ApiTime.Out(added.End, zone), added.Reason));
        }
        return result?.Error is { } error ? ApiProblems.Invalid(error) : ApiProblems.NotFound("No encontramos ese profesional.");
    }

    public static async Task<Results<NoContent, NotFoundProblem>> RemoveTimeOff(
        Guid providerId, Guid timeOffId, ClaimsPrincipal user, ScheduleService schedule, CancellationToken ct)
    {
        var result = await ApiActors.FirstFoundAsync(user, actor => schedule.RemoveTimeOffAsync(providerId, timeOffId, actor, ct), r => r.IsNotFound);
        return result is { Succeeded: true } ? TypedResults.NoContent() : ApiProblems.NotFound(result?.Error?.Message ?? "No encontramos ese profesional.");
    }

    private static Results<Ok<ProviderResponse>, NotFoundProblem, InvalidProblem> ToResult(Result<Provider>? result) => result switch
    {
        { Succeeded: true } => TypedResults.Ok(result.Value!.ToResponse()),
        { Error: { } error } => ApiProblems.Invalid(error),
        _ => ApiProblems.NotFound("No encontramos ese profesional."),
    };

    private static bool TryRange(string? start, string? end, out LocalTimeRange range)
    {
        range = default;
        if (!ApiTime.TryParseTime(start, out var from) || !ApiTime.TryParseTime(end, out var to))
            return false;
        range = new LocalTimeRange(from, to);
        return true;
    }

    private static DomainError BadRange(string field) =>
        new("request.time_range", "Cada franja necesita inicio y fin en formato HH:mm, por ejemplo 10:00 y 14:00.", field);

    private static DomainError BadLocal(string field) =>
        new("request.local_time", "Usá fecha y hora del local (2026-12-10T13:00) o ISO-8601 con zona (2026-12-10T13:00:00-03:00).", field);
}
