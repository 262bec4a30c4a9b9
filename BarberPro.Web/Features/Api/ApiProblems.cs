using System.Reflection;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// RFC 9457 problem details with a Spanish <c>detail</c> and the domain's stable <c>code</c>. Validation problems
/// (422) list the failing fields in <c>errors</c>, with the request's camelCase names.
/// </summary>
public static class ApiProblems
{
    public const string CodeKey = "code";

    public static NotFoundProblem NotFound(string? detail = null) =>
        new(Problem(StatusCodes.Status404NotFound, "No encontrado",
            detail ?? "No encontramos lo que buscás, o no tenés acceso a verlo.", "not_found"));

    public static ConflictProblem Conflict(DomainError error, IReadOnlyList<SlotResponse>? alternatives = null)
    {
        var problem = Problem(StatusCodes.Status409Conflict, "Conflicto", error.Message, error.Code);
        if (alternatives is not null)
            problem.Extensions["alternatives"] = alternatives;
        return new ConflictProblem(problem);
    }

    /// <remarks>
    /// A busy or unavailable database is never a validation problem: when a service refused with one of those errors
    /// (<see cref="DatabaseFaults.FaultOf"/>), its exception is thrown instead, and <see cref="ApiErrors"/> answers 503
    /// with Retry-After, so every endpoint that reports a service's refusal here gets it right.
    /// </remarks>
    public static InvalidProblem Invalid(IReadOnlyCollection<DomainError> errors)
    {
        if (errors.Select(DatabaseFaults.FaultOf).FirstOrDefault(f => f is not null) is { } fault)
            throw DatabaseFaults.ToException(fault);
        var problem = new HttpValidationProblemDetails(errors
            .Where(e => e.Field is not null)
            .GroupBy(e => FieldName(e.Field!))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Datos inválidos",
            Detail = string.Join(" ", errors.Select(e => e.Message).Distinct()),
        };
        problem.Extensions[CodeKey] = errors.First().Code;
        return new InvalidProblem(problem);
    }

    public static InvalidProblem Invalid(DomainError error) => Invalid([error]);

    public static InvalidProblem Invalid(string field, string message, string code = "request.invalid") =>
        Invalid([new DomainError(code, message, field)]);

    public static ForbiddenProblem Forbidden(DomainError error) =>
        new(Problem(StatusCodes.Status403Forbidden, "Acción no permitida", error.Message, error.Code));

    public static UnauthorizedProblem Unauthorized(string detail, string code) =>
        new(Problem(StatusCodes.Status401Unauthorized, "No autenticado", detail, code));

    /// <summary>Retry-After of a busy database: its wait is a few seconds, so a retry soon usually gets through.</summary>
    public const int BusyRetryAfterSeconds = 2;

    /// <summary>Retry-After when the database cannot take writes at all (its file is gone): someone has to fix it first.</summary>
    public const int UnavailableRetryAfterSeconds = 60;

    /// <summary>503 with Retry-After for a write the database could not take (busy, or unavailable); nothing was written.</summary>
    public static ServiceUnavailableProblem Unavailable(DatabaseFault fault)
    {
        var error = DatabaseFaults.ErrorFor(fault);
        return new(Problem(StatusCodes.Status503ServiceUnavailable, "Servicio no disponible", error.Message, error.Code),
            fault == DatabaseFault.Busy ? BusyRetryAfterSeconds : UnavailableRetryAfterSeconds);
    }

    /// <summary>The 503 for a Busy or Unavailable booking outcome, or null for any other outcome.</summary>
    public static ServiceUnavailableProblem? Unavailable(BookingOutcome outcome) => outcome switch
    {
        BookingOutcome.Busy => Unavailable(DatabaseFault.Busy),
        BookingOutcome.Unavailable => Unavailable(DatabaseFault.Unavailable),
        _ => null,
    };

    public static ProblemDetails Problem(int status, string title, string detail, string code)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions[CodeKey] = code;
        return problem;
    }

    /// <summary>"StartTime" → "startTime": domain field names as the request spells them.</summary>
    public static string FieldName(string field) => field switch
    {
        "" => field,
        "OfferingId" => "serviceId",
        "OfferingIds" => "serviceIds",
        "Duration" => "durationMinutes",
        "BufferBefore" => "bufferBeforeMinutes",
        "BufferAfter" => "bufferAfterMinutes",
        "DisplayName" => "fullName",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };

    /// <summary>Spanish title and detail for a status code the API answers without a body of its own.</summary>
    public static (string Title, string Detail, string Code) ForStatus(int status) => status switch
    {
        400 => ("Solicitud inválida", "No pudimos leer la solicitud: revisá que el cuerpo sea JSON válido y que los identificadores (GUID), fechas y números tengan el formato correcto.", "request.malformed"),
        401 => ("No autenticado", "Falta el token de acceso o no es válido. Pedí uno con POST /api/v1/auth/token y envialo como 'Authorization: Bearer <token>'.", "auth.required"),
        403 => ("Sin permiso", "No tenés permiso para esta operación.", "auth.forbidden"),
        404 => ("No encontrado", "No encontramos lo que buscás, o no tenés acceso a verlo.", "not_found"),
        405 => ("Método no permitido", "Este recurso no admite ese método HTTP.", "request.method"),
        406 => ("Formato no disponible", "Este recurso responde solo JSON.", "request.accept"),
        413 => ("Solicitud demasiado grande", "El cuerpo de la solicitud es demasiado grande.", "request.too_large"),
        415 => ("Formato no admitido", "Enviá el cuerpo como JSON (Content-Type: application/json).", "request.content_type"),
        429 => ("Demasiadas solicitudes", "Hiciste demasiadas solicitudes. Esperá un momento y probá de nuevo.", "rate_limited"),
        503 => ("Servicio no disponible", "El servicio no está disponible en este momento. Probá de nuevo en unos minutos.", "unavailable"),
        >= 500 => ("Error inesperado", "Ocurrió un error inesperado. Probá de nuevo en unos minutos.", "server.error"),
        _ => ("Error", "La solicitud no se pudo completar.", "request.failed"),
    };
}

/// <summary>
/// A problem answer written as application/problem+json (through the app's problem details service, which adds the
/// trace id). Each subclass tells OpenAPI its status, so handlers returning <c>Results&lt;…&gt;</c> document every error.
/// </summary>
public abstract class ProblemResult(ProblemDetails problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    public const string ContentTypeName = "application/problem+json";

    public ProblemDetails Problem { get; } = problem;
    public int? StatusCode => Problem.Status;
    public string ContentType => ContentTypeName;
    object? IValueHttpResult.Value => Problem;

    public virtual Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(Problem).ExecuteAsync(httpContext);

    protected static void Describe<T>(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(T), [ContentTypeName]));
}

public sealed class NotFoundProblem(ProblemDetails problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<ProblemDetails>(builder, StatusCodes.Status404NotFound);
}

public sealed class ConflictProblem(ProblemDetails problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<ProblemDetails>(builder, StatusCodes.Status409Conflict);
}

/// <summary>422 with the failing fields in <c>errors</c>.</summary>
public sealed class InvalidProblem(HttpValidationProblemDetails problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<HttpValidationProblemDetails>(builder, StatusCodes.Status422UnprocessableEntity);
}

public sealed class ForbiddenProblem(ProblemDetails problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<ProblemDetails>(builder, StatusCodes.Status403Forbidden);
}

public sealed class UnauthorizedProblem(ProblemDetails problem) : ProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<ProblemDetails>(builder, StatusCodes.Status401Unauthorized);
}

/// <summary>503 with a Retry-After header (seconds): the database could not take the write; nothing was written.</summary>
public sealed class ServiceUnavailableProblem(ProblemDetails problem, int retryAfterSeconds) : ProblemResult(problem), IEndpointMetadataProvider
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;

    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<ProblemDetails>(builder, StatusCodes.Status503ServiceUnavailable);
}
