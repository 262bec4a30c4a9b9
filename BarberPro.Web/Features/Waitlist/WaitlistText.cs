using System.Globalization;
using BarberPro.Domain.Waitlist;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Features.Waitlist;

/// <summary>How the pages word a waitlist entry: its window ("de 17 a 20") and its status chip.</summary>
public static class WaitlistText
{
    public static string Window(IStringLocalizer localizer, WaitlistEntry entry) => (entry.From, entry.To) switch
    {
        ({ } from, { } to) => localizer["Waitlist.Window", Hour(from), Hour(to)],
        ({ } from, null) => localizer["Waitlist.From", Hour(from)],
        (null, { } to) => localizer["Waitlist.To", Hour(to)],
        _ => localizer["Waitlist.AnyTime"],
    };

    public static MudBlazor.Color Color(WaitlistStatus status) => status switch
    {
        WaitlistStatus.Offered => MudBlazor.Color.Success,
        WaitlistStatus.Booked => MudBlazor.Color.Primary,
        WaitlistStatus.Waiting => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>"12:05" minutes and seconds left, never negative.</summary>
    public static string Countdown(Duration left)
    {
        var seconds = Math.Max(0, (long)Math.Ceiling(left.TotalSeconds));
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds % 3600 / 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }

    private static string Hour(LocalTime time) => LocalTimePattern.Create("HH:mm", CultureInfo.CurrentCulture).Format(time);
}
