namespace BarberPro.Benchmarks;

/// <summary>What the harnesses print about the machine a run was measured on.</summary>
internal static class BenchMachine
{
    public static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    /// <summary>The analytics harnesses' header: title, machine, the history's size, the calls per row, the load average.</summary>
    public static void PrintAnalyticsHeader(string title, int warmup, int runs)
    {
        Console.WriteLine($"# {title} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine($"{CpuModel()}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}. " +
            $"{Analytics.AnalyticsHistory.TotalBookings:N0} bookings over 104 weeks, 10 barbers; {warmup} warm-up and {runs} measured calls per row. " +
            $"Load average at start: {LoadAverage()}.");
        Console.WriteLine();
    }

    /// <summary>The 1/5/15-minute load averages: the machine is shared, so a row is only as quiet as the machine was.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
