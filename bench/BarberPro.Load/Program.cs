using System.Diagnostics;
using System.Globalization;
using BarberPro.Load;

// The load suite's generator. bench/load/run.sh starts the app and calls this; alone:
//   dotnet bench/BarberPro.Load/bin/Release/net10.0/BarberPro.Load.dll --url http://127.0.0.1:5000 [--smoke]
//       [--seconds 10] [--server-pid PID] [--playwright DIR] [--circuits 100] [--shop barberpro-palermo]
//   … warm --url URL --since-unix-ms T [--seconds 60]      (time to first 200 and to steady throughput of a fresh process)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = SuiteOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: BarberPro.Load [warm] --url URL [--smoke] [--seconds N] [--server-pid PID] [--playwright DIR] [--circuits N] [--shop SLUG] [--since-unix-ms T]");
    return 2;
}
try
{
    return options.Warm ? await WarmStart.RunAsync(options) : await Suite.RunAsync(options);
}
catch (SuiteFailure e)
{
    Console.Error.WriteLine($"LOAD SUITE FAILED: {e.Message}");
    return 1;
}

namespace BarberPro.Load
{
    public sealed class SuiteFailure(string message) : Exception(message);

    public sealed record SuiteOptions(Uri Url, bool Smoke, double Seconds, int? ServerPid, string? Playwright, int Circuits,
        string Shop, bool Warm, long? SinceUnixMs, string Only)
    {
        public static SuiteOptions? Parse(string[] args)
        {
            string? url = null, playwright = null, shop = "barberpro-palermo", only = "";
            bool smoke = false, warm = false;
            double seconds = 10;
            int? pid = null;
            int circuits = 100;
            long? since = null;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "warm": warm = true; break;
                    case "--url": url = Next(); break;
                    case "--smoke": smoke = true; break;
                    case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--server-pid": pid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--playwright": playwright = Next(); break;
                    case "--circuits": circuits = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--shop": shop = Next(); break;
                    case "--since-unix-ms": since = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--only": only = Next(); break;
                    default: return null;
                }
            }
            if (url is null)
                return null;
            return new SuiteOptions(new Uri(url.TrimEnd('/') + "/"), smoke, smoke ? 0.6 : seconds, pid, playwright, smoke ? 3 : circuits, shop, warm, since, only);
        }

        /// <summary>A step runs when no --only was given or its group is named in it (comma-separated: static,availability,shop,bookings,race,pages,circuits).</summary>
        public bool Runs(string group) => Only.Length == 0 || Only.Split(',').Contains(group);
    }

    public static class Rss
    {
        /// <summary>Resident memory of a process, in KB (Linux /proc), or null when unknown.</summary>
        public static long? Of(int? pid)
        {
            if (pid is null || !File.Exists($"/proc/{pid}/status"))
                return null;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return null;
        }
    }
}
