using System.Diagnostics;

namespace BarberPro.Load;

/// <summary>
/// Every latency of one step, in stopwatch ticks, kept whole (a step has at most a few tens of thousands): the
/// percentiles are exact, not bucketed.
/// </summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = [];
    private readonly Lock _gate = new();

    public void Add(long ticks)
    {
        lock (_gate)
            _ticks.Add(ticks);
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _ticks.Count;
        }
    }

    /// <summary>The latency under which <paramref name="percent"/> % of the requests finished, in milliseconds (nearest rank).</summary>
    public double Percentile(double percent)
    {
        long[] sorted;
        lock (_gate)
            sorted = [.. _ticks];
        if (sorted.Length == 0)
            return double.NaN;
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length) - 1;
        return ToMs(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    public double Max => Percentile(100);

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
