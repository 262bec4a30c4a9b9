using System.Security.Claims;
using NodaTime;

namespace BarberPro.Web.Features.MyBookings;

public static class MyBookingsEndpoints
{
    /// <summary>GET /mis-turnos/{id}/calendario.ics — only for the booking's own customer (others get 404).</summary>
    public static IEndpointRouteBuilder MapMyBookingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/mis-turnos/{id:guid}/calendario.ics", async (Guid id, ClaimsPrincipal user, MyBookingsQueries queries, IClock clock) =>
        {
            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var booking = userId is null ? null : await queries.OneForCustomerAsync(id, userId);
            return booking is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(CalendarFile.Build(booking, clock.GetCurrentInstant())),
                    "text/calendar; charset=utf-8", "turno-" + booking.Start.InZone(booking.Zone).LocalDateTime.ToString("yyyy-MM-dd-HHmm", System.Globalization.CultureInfo.InvariantCulture) + ".ics");
        }).RequireAuthorization();
        return endpoints;
    }
}
