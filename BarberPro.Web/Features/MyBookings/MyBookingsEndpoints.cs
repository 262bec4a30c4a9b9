using System.Security.Claims;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.MyBookings;

public static class MyBookingsEndpoints
{
    /// <summary>GET /mis-turnos/{id}/calendario.ics — only for the booking's own customer (others get 404).</summary>
    public static IEndpointRouteBuilder MapMyBookingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/mis-turnos/{id:guid}/calendario.ics", async (Guid id, ClaimsPrincipal user, MyBookingsQueries queries, IClock clock,
            IDbContextFactory<BarberProDbContext> dbFactory) =>
        {
            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var booking = userId is null ? null : await queries.OneForCustomerAsync(id, userId);
            // An occurrence of a series: the whole series as one event with its RRULE.
            var series = booking?.SeriesId is { } seriesId ? await SeriesCalendarFile.LoadAsync(dbFactory, seriesId, userId!, booking) : null;
            var text = series is not null ? SeriesCalendarFile.Build(series, clock.GetCurrentInstant())
                : booking is not null ? CalendarFile.Build(booking, clock.GetCurrentInstant()) : null;
            return booking is null || text is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(text),
                    "text/calendar; charset=utf-8", "turno-" + booking.Start.InZone(booking.Zone).LocalDateTime.ToString("yyyy-MM-dd-HHmm", System.Globalization.CultureInfo.InvariantCulture) + ".ics");
        }).RequireAuthorization();
        return endpoints;
    }
}
