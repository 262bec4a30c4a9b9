using BarberPro.Domain.Bookings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace BarberPro.Web.Features.Api;

/// <summary>The request and response examples shown in the OpenAPI document and at /docs.</summary>
public static class ApiExamples
{
    public static readonly Guid ShopId = Guid.Parse("3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f");
    public static readonly Guid ProviderId = Guid.Parse("8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d");
    public static readonly Guid ServiceId = Guid.Parse("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e");
    public static readonly Guid BookingId = Guid.Parse("6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a");
    public static readonly Guid CustomerId = Guid.Parse("c0ffee00-1234-4abc-9def-0123456789ab");
    private const string UserId = "5b1f0c7e-3a2d-4c8b-9e6f-7a8b9c0d1e2f";
    private static readonly TimeSpan Ar = TimeSpan.FromHours(-3);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Ar);

    public static readonly RegisterRequest Register = new("Ana Suárez", "ana@example.com", "11 2345-6789", "Corte-2026");
    public static readonly AccountResponse Account = new(UserId, "ana@example.com", "Ana Suárez", "+5491123456789", ["Customer"]);
    public static readonly HttpValidationProblemDetails RegisterInvalid = Validation("account.password",
        new() { ["password"] = ["La contraseña debe tener al menos un número."], ["phone"] = ["Ese número no es válido. Revisá el código de área y la cantidad de dígitos."] });

    public static readonly TokenRequest TokenRequest = new("cliente@barberpro.local", "BarberPro2026!");
    public static readonly TokenResponse Token = new("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1YjFm…", "Bearer", At(7, 10), UserId, ["Customer"],
        "q3Vt9xJ0b2tFh8ZcW1mYp4sR7dN6aLkE2uTgHjVxQcM", At(7, 9, 45).AddDays(30));
    public static readonly RefreshRequest Refresh = new("q3Vt9xJ0b2tFh8ZcW1mYp4sR7dN6aLkE2uTgHjVxQcM");
    public static readonly ProblemDetails RefreshRefused = Problem(401, "No autenticado", "La sesión venció o fue cerrada. Ingresá de nuevo con tu email y contraseña.", "auth.invalid_refresh_token");
    public static readonly ProblemDetails Suspended = Problem(401, "No autenticado", AuthApi.SuspendedText, "auth.account_suspended");
    public static readonly ProblemDetails BadCredentials = Problem(401, "No autenticado", "El email o la contraseña no son correctos.", "auth.invalid_credentials");

    public static readonly ShopSummary Shop = new(ShopId, "BarberPro Palermo", "barberpro-palermo", "America/Argentina/Buenos_Aires",
        "Gorriti 4800, Palermo, CABA", "+54 9 11 4833-2211", "ARS", "barber");
    public static readonly ServiceResponse Service = new(ServiceId, ShopId, "Corte", null, 30, 0, 5, 12000m, "ARS", 1, true);
    public static readonly ShopDetail ShopDetail = new(ShopId, Shop.Name, Shop.Slug, Shop.TimeZone, Shop.Address, Shop.Phone, "ARS", "barber",
        new PolicyResponse(1440, 60, 60, 15), [Service], [new ProviderSummary(ProviderId, "Diego", null, [ServiceId])],
        new Features.Verticals.Vocabulary("barbería", "barbero", "barberos", "servicio", "servicios", "cliente", "clientes", "turno"));

    public static readonly AvailabilityResponse Availability = new("2026-12-08", "America/Argentina/Buenos_Aires", ProviderId, ServiceId,
        [new SlotResponse(At(8, 10), At(8, 10, 30)), new SlotResponse(At(8, 10, 45), At(8, 11, 15)), new SlotResponse(At(8, 15), At(8, 15, 30))]);
    public static readonly HttpValidationProblemDetails AvailabilityInvalid = Validation("request.date_format",
        new() { ["date"] = ["La fecha no es válida. Usá el formato AAAA-MM-DD, por ejemplo 2026-12-08."] });
    public static readonly AvailabilityCheckRequest CheckRequest = new(ProviderId, ServiceId, "2026-12-08T10:00:00-03:00");
    public static readonly AvailabilityCheckResponse CheckTaken = new(false, "slot.taken", "Ese horario acaba de ocuparse. Elegí otro de los disponibles.",
        [new SlotResponse(At(8, 10, 45), At(8, 11, 15)), new SlotResponse(At(8, 11, 30), At(8, 12))]);

    public static readonly CreateBookingRequest CreateBooking = new(ProviderId, ServiceId, "2026-12-08T10:00:00-03:00", "Degradé bajo", null);
    public static readonly BookingResponse Booking = new(BookingId, ShopId, ProviderId, "Diego", ServiceId, "Corte",
        new CustomerResponse(CustomerId, "Ana Suárez", "+5491123456789"), At(8, 10), At(8, 10, 30), "America/Argentina/Buenos_Aires",
        BookingStatus.Pending, 12000m, "ARS", "Degradé bajo", null, At(7, 9, 12), At(7, 9, 12));
    public static readonly BookingResponse CancelledBooking = Booking with { Status = BookingStatus.Cancelled, CancellationReason = "Me surgió un viaje", UpdatedAt = At(7, 9, 40) };
    public static readonly BookingListResponse BookingList = new(At(7, 0), At(1, 0).AddMonths(1).AddDays(6), [Booking]);
    public static readonly ProblemDetails SlotTaken = WithAlternatives(Problem(409, "Conflicto", "Ese horario acaba de ocuparse. Elegí otro de los disponibles.", "slot.taken"),
        [new SlotResponse(At(8, 10, 45), At(8, 11, 15)), new SlotResponse(At(8, 11, 30), At(8, 12))]);
    public static readonly HttpValidationProblemDetails SlotInPast = Validation("slot.in_past", new() { ["startTime"] = ["Ese horario ya pasó. Elegí otro."] });
    public static readonly CancelBookingRequest Cancel = new("Me surgió un viaje");
    public static readonly RescheduleBookingRequest Reschedule = new("2026-12-09T16:00:00-03:00");
    public static readonly ProblemDetails CancellationWindow = Problem(409, "Conflicto",
        "Ya no podés cancelar este turno: se puede hasta 24 horas antes. Comunicate con el local.", "booking.cancellation_window");
    public static readonly ProblemDetails InvalidTransition = Problem(409, "Conflicto", "No se puede confirmar un turno cancelado.", "booking.invalid_transition");

    public static readonly ServiceRequest ServiceRequest = new("Corte", 30, 12000m, 0, 5, 1, "Corte con máquina y tijera");
    public static readonly HttpValidationProblemDetails ServiceInvalid = Validation("offering.duration",
        new() { ["durationMinutes"] = ["La duración debe ser de al menos 5 minutos, en minutos enteros."] });

    public static readonly CreateProviderRequest CreateProvider = new("Lucas", "lucas@barberpro.local", "11 5555-0014", "Barbero-2026", [ServiceId]);
    public static readonly ProviderResponse Provider = new(ProviderId, ShopId, "Diego", true, "America/Argentina/Buenos_Aires", [ServiceId],
        [new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "10:00", "14:00"), new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "15:00", "20:00")],
        [new DateOverrideResponse("2026-12-24", false, [new TimeRange("10:00", "13:00")], "Nochebuena")],
        [new TimeOffResponse(Guid.Parse("0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"), At(10, 13), At(10, 15), "Médico")]);
    public static readonly WorkingHoursRequest WorkingHours = new([
        new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "10:00", "14:00"), new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "15:00", "20:00"),
        new WorkingHoursEntry(IsoDayOfWeek.Saturday, "10:00", "18:00")]);
    public static readonly HttpValidationProblemDetails HoursInvalid = Validation("provider.hours_overlap",
        new() { ["hours"] = ["Las franjas 10:00–14:00 y 13:00–18:00 se superponen."] });
    public static readonly DateOverrideRequest DateOverride = new([new TimeRange("10:00", "13:00")], "Nochebuena");
    public static readonly TimeOffRequest TimeOffRequest = new("2026-12-10T13:00", "2026-12-10T15:00", "Médico");
    public static readonly TimeOffResponse TimeOff = Provider.TimeOff[0];
    public static readonly HttpValidationProblemDetails TimeOffInTheWay = Validation("provider.time_off_has_bookings",
        new() { ["start"] = ["Hay un turno o una clase en ese horario. Movelo o cancelalo antes de bloquearlo."] });

    public static readonly HealthResponse Healthy = new("healthy", At(7, 9), new DatabaseHealth("healthy", "Sqlite", 2, null),
        new JobServerHealth("healthy", "Hangfire: 1 servidor(es) de tareas activos (In-Memory Storage)."));
    public static readonly HealthResponse Unhealthy = Healthy with
    {
        Status = "unhealthy",
        Database = new DatabaseHealth("unhealthy", "Sqlite", 5001, "La base de datos no respondió a tiempo."),
    };

    /// <summary>Shown for a status that has no example of its own.</summary>
    public static ProblemDetails ForStatus(int status)
    {
        var (title, detail, code) = ApiProblems.ForStatus(status);
        var problem = Problem(status, title, detail, code);
        if (status == StatusCodes.Status429TooManyRequests)
        {
            problem.Detail = "Hiciste demasiadas solicitudes. Probá de nuevo en 42 segundos.";
            problem.Extensions["retryAfterSeconds"] = 42;
        }
        if (status == StatusCodes.Status404NotFound)
            problem.Detail = "No encontramos ese turno.";
        if (status == StatusCodes.Status403Forbidden)
            (problem.Detail, problem.Extensions[ApiProblems.CodeKey]) = ("No podés confirmar este turno.", "booking.forbidden_action");
        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string detail, string code)
    {
        var problem = ApiProblems.Problem(status, title, detail, code);
        problem.Type = status switch
        {
            401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            429 => "https://tools.ietf.org/html/rfc6585#section-4",
            _ => null,
        };
        return problem;
    }

    private static ProblemDetails WithAlternatives(ProblemDetails problem, IReadOnlyList<SlotResponse> alternatives)
    {
        problem.Extensions["alternatives"] = alternatives;
        return problem;
    }

    private static HttpValidationProblemDetails Validation(string code, Dictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Type = "https://tools.ietf.org/html/rfc4918#section-11.2",
            Title = "Datos inválidos",
            Status = 422,
            Detail = string.Join(" ", errors.Values.SelectMany(v => v)),
        };
        problem.Extensions[ApiProblems.CodeKey] = code;
        return problem;
    }
}
