using BarberPro.Web.Features.Api;
using NodaTime;

namespace BarberPro.Web.Features.Analytics;

/// <summary>The range presets of the analytics pages, as the query string names them (<c>?rango=</c>).</summary>
public enum RangePreset
{
    Today,
    ThisWeek,
    ThisMonth,
    Last30Days,
    Last90Days,
    ThisYear,
    Custom,
}

/// <summary>
/// The range an analytics page shows: a preset settled against the shop's today, or two dates typed by the user
/// (<c>?desde=</c>, <c>?hasta=</c> as YYYY-MM-DD). Only the dates: whether the range is allowed is the service's call.
/// </summary>
public sealed record AnalyticsRange(RangePreset Preset, LocalDate From, LocalDate To)
{
    public const RangePreset DefaultPreset = RangePreset.Last30Days;

    private static readonly (RangePreset Preset, string Key)[] Keys =
    [
        (RangePreset.Today, "hoy"), (RangePreset.ThisWeek, "semana"), (RangePreset.ThisMonth, "mes"),
        (RangePreset.Last30Days, "30-dias"), (RangePreset.Last90Days, "90-dias"), (RangePreset.ThisYear, "anio"),
        (RangePreset.Custom, "personalizado"),
    ];

    public static IReadOnlyList<RangePreset> All { get; } = Keys.Select(k => k.Preset).ToList();

    /// <summary>The query-string value of a preset ("hoy", "semana", "mes", "30-dias", "90-dias", "anio", "personalizado").</summary>
    public static string Key(RangePreset preset) => Keys.Single(k => k.Preset == preset).Key;

    public static RangePreset? ParsePreset(string? key) =>
        Keys.Where(k => string.Equals(k.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(k => (RangePreset?)k.Preset).FirstOrDefault();

    /// <summary>The dates of <paramref name="preset"/> when the shop's date is <paramref name="today"/>; weeks start on Monday.</summary>
    public static AnalyticsRange Of(RangePreset preset, LocalDate today) => preset switch
    {
        RangePreset.Today => new(preset, today, today),
        RangePreset.ThisWeek => new(preset, today.PlusDays(1 - (int)today.DayOfWeek), today.PlusDays(7 - (int)today.DayOfWeek)),
        RangePreset.ThisMonth => new(preset, new LocalDate(today.Year, today.Month, 1), new LocalDate(today.Year, today.Month, 1).PlusMonths(1).PlusDays(-1)),
        RangePreset.Last90Days => new(preset, today.PlusDays(-89), today),
        RangePreset.ThisYear => new(preset, new LocalDate(today.Year, 1, 1), new LocalDate(today.Year, 12, 31)),
        RangePreset.Custom => new(preset, today.PlusDays(-29), today),
        _ => new(RangePreset.Last30Days, today.PlusDays(-29), today),
    };

    /// <summary>
    /// Reads the query string: a known preset, or custom dates (with or without <c>rango=personalizado</c>). Null when the
    /// custom dates cannot be read (or lie outside 1900–2200, like the API's); an unknown preset is the default one.
    /// </summary>
    public static AnalyticsRange? Parse(string? preset, string? from, string? to, LocalDate today)
    {
        var parsed = ParsePreset(preset);
        var custom = parsed == RangePreset.Custom || (parsed is null && (from is not null || to is not null));
        if (!custom)
            return Of(parsed ?? DefaultPreset, today);
        return ApiTime.TryParseDate(from, out var f) && ApiTime.TryParseDate(to, out var t) ? new(RangePreset.Custom, f, t) : null;
    }
}
