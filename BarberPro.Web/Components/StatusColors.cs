using BarberPro.Domain.Bookings;
using MudBlazor;

namespace BarberPro.Web.Components;

/// <summary>One colour per booking status, the same on every page and in the agenda.</summary>
public static class StatusColors
{
    public static Color For(BookingStatus status) => status switch
    {
        BookingStatus.Pending => Color.Warning,
        BookingStatus.Confirmed => Color.Info,
        BookingStatus.Completed => Color.Success,
        BookingStatus.NoShow => Color.Error,
        _ => Color.Default,
    };

    /// <summary>CSS class for agenda blocks: status-pending, status-confirmed…</summary>
    public static string CssClass(BookingStatus status) => "status-" + status.ToString().ToLowerInvariant();
}
