using System.Globalization;

namespace BarberPro.Load;

public static class Table
{
    /// <summary>
    /// One markdown table. "vs static": for a max line, its throughput ÷ the static file's max throughput; for a line at a
    /// fixed rate, its p99 ÷ the static file's p99 at the same rate (when the baseline ran at that rate).
    /// </summary>
    public static void Print(IReadOnlyList<StepResult> results, Latencies lateness)
    {
        var staticRows = results.Where(r => r.What.StartsWith("static file", StringComparison.Ordinal)).ToList();
        var staticMax = staticRows.FirstOrDefault(r => r.Rate.StartsWith("max", StringComparison.Ordinal));
        foreach (var r in results)
        {
            if (r.Rate.StartsWith("max", StringComparison.Ordinal) && staticMax is not null)
                r.Ratio = r.Throughput / staticMax.Throughput;
            else if (staticRows.FirstOrDefault(s => s.Rate == r.Rate) is { } same)
                r.Ratio = r.Latencies.Percentile(99) / same.Latencies.Percentile(99);
        }
        Console.WriteLine();
        Console.WriteLine("| what | rate | p50 | p99 | max | throughput | vs static | errors | notes |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var ratio = r.Ratio is not { } x ? "" : r.Rate.StartsWith("max", StringComparison.Ordinal) ? $"{x:0.00}× thr." : $"{x:0.0}× p99";
            Console.WriteLine($"| {r.What} | {r.Rate} | {Ms(r.Latencies.Percentile(50))} | {Ms(r.Latencies.Percentile(99))} | {Ms(r.Latencies.Max)} | " +
                $"{(r.Seconds > 0 && r.Latencies.Count > 0 ? r.Throughput.ToString("N0", CultureInfo.InvariantCulture) + "/s" : "")} | {ratio} | {r.Errors} | {r.Notes} |");
        }
        if (lateness.Count > 0)
            Console.WriteLine($"\nOpen-loop generator lateness (send time − scheduled time, counted in the latencies above): p50 {Ms(lateness.Percentile(50))}, p99 {Ms(lateness.Percentile(99))}, max {Ms(lateness.Max)}.");
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "" : ms < 10 ? $"{ms:0.00} ms" : ms < 1000 ? $"{ms:0} ms" : $"{ms / 1000:0.00} s";

    /// <summary>
    /// 0 when every step worked: each answered, with no error (a 5xx, a timeout, a refused connection, an unexpected
    /// status) and, for the race, one winner a slot. Never asserts a speed.
    /// </summary>
    public static int Check(IReadOnlyList<StepResult> results, bool smoke)
    {
        var broken = results.Where(r => r.Errors > 0 || (r.Ok == 0 && !r.What.Contains("one barber-day", StringComparison.Ordinal))).ToList();
        foreach (var r in broken)
            Console.Error.WriteLine($"LOAD SUITE: step \"{r.What}\" at {r.Rate} did not work: {r.Ok} ok, {r.Expected} expected refusals, {r.Errors} errors. {r.Notes}");
        if (broken.Count > 0)
            return 1;
        Console.WriteLine(smoke ? $"Load suite smoke: all {results.Count} steps worked." : $"Load suite: {results.Count} steps.");
        return 0;
    }
}
