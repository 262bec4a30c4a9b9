using BarberPro.Domain.Scheduling;
using Microsoft.Extensions.Localization;

namespace BarberPro.Web.Features.Owner;

/// <summary>One editable working interval, as the browser's time inputs give it ("HH:mm").</summary>
public sealed class IntervalRow
{
    public string Start { get; set; } = "";
    public string End { get; set; } = "";

    public static IntervalRow From(LocalTimeRange range) =>
        new() { Start = OwnerFormat.TimeInput(range.Start), End = OwnerFormat.TimeInput(range.End) };

    /// <summary>
    /// A new interval an hour after the last one, four hours long (cut at 23:59), or 10:00–14:00 on an empty day;
    /// blank when there is no room left in the day.
    /// </summary>
    public static IntervalRow Next(IReadOnlyList<IntervalRow> rows)
    {
        var lastEnd = rows.Select(r => OwnerFormat.ParseTime(r.End)).LastOrDefault(t => t is not null);
        if (lastEnd is null)
            return new() { Start = "10:00", End = "14:00" };
        var start = lastEnd.Value.PlusHours(1);
        if (start <= lastEnd)
            return new();
        var end = start.PlusHours(4);
        if (end <= start)
            end = new LocalTime(23, 59);
        return new() { Start = OwnerFormat.TimeInput(start), End = OwnerFormat.TimeInput(end) };
    }
}

/// <summary>
/// The checks the browser can make before saving a day's intervals (the domain repeats them):
/// both ends filled in, each end after its start, no two intervals overlapping.
/// </summary>
public static class HoursValidation
{
    /// <summary>The problems of one day's intervals (empty when valid) and, when valid, the ranges in start order.</summary>
    public static IReadOnlyList<string> Check(IEnumerable<IntervalRow> rows, IStringLocalizer<OwnerText> text, out List<LocalTimeRange> ranges)
    {
        var problems = new List<string>();
        ranges = [];
        foreach (var row in rows)
        {
            var start = OwnerFormat.ParseTime(row.Start);
            var end = OwnerFormat.ParseTime(row.End);
            if (start is null || end is null)
            {
                if (!problems.Contains(text["Hours.Incomplete"]))
                    problems.Add(text["Hours.Incomplete"]);
                continue;
            }
            var range = new LocalTimeRange(start.Value, end.Value);
            if (!range.IsValid)
            {
                problems.Add(text["Hours.EndBeforeStart", range.ToString()]);
                continue;
            }
            ranges.Add(range);
        }
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            for (var j = i + 1; j < sorted.Count && sorted[j].Start < sorted[i].End; j++)
                problems.Add(text["Hours.Overlap", sorted[i].ToString(), sorted[j].ToString()]);
        }
        ranges = problems.Count == 0 ? sorted : [];
        return problems;
    }
}
