using System.Globalization;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Text;

namespace BarberPro.Web.Features.Agenda;

/// <summary>
/// The agenda pages keep the day they show in the address (<c>?dia=2026-12-13</c>, plus <c>vista=semana</c> for the
/// week), so a link or a reload opens the same day. Paging replaces the address instead of piling up history.
/// </summary>
public static class AgendaUrl
{
    /// <summary>Dates further than this from today are not agenda pages anyone means; they fall back to today.</summary>
    private const int MaxYearsAway = 10;

    /// <summary>The day in <paramref name="query"/> (yyyy-MM-dd), or <paramref name="today"/> when it is missing, malformed or absurd.</summary>
    public static LocalDate DayOr(string? query, LocalDate today) => TryDay(query, today, out var day) ? day : today;

    /// <summary>
    /// Whether the link asked for a day or a view the page cannot read (and so shows today's day view instead): the
    /// page then says so in a short message. A missing day or view is not a mistake.
    /// </summary>
    public static bool IsIgnored(string? dayQuery, string? viewQuery, LocalDate today) =>
        (dayQuery is not null && !TryDay(dayQuery, today, out _)) || (viewQuery is not null && viewQuery is not ("semana" or "dia"));

    private static bool TryDay(string? query, LocalDate today, out LocalDate day) =>
        LocalDatePattern.Iso.Parse(query?.Trim() ?? "").TryGetValue(today, out day) && Math.Abs(day.Year - today.Year) <= MaxYearsAway;

    /// <summary>Shows <paramref name="day"/> (and the week or day view, when given) by replacing the current address's query.</summary>
    public static void Show(NavigationManager navigation, LocalDate day, bool? week = null)
    {
        var query = new Dictionary<string, object?> { ["dia"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (week is { } w)
            query["vista"] = w ? "semana" : null;
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(query), replace: true);
    }
}
