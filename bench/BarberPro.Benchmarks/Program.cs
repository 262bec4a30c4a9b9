using BarberPro.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/BarberPro.Benchmarks -- --filter '*'      (BenchmarkDotNet)
// dotnet run -c Release --project bench/BarberPro.Benchmarks -- contention       (N concurrent writers, markdown table)
if (args.Length > 0 && args[0] == "contention")
    return await ContentionHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "analytics-seed")
{
    foreach (var database in args.Length > 1 ? args[1].Split(',') : ["sqlite"])
        await using (await BarberPro.Benchmarks.Analytics.AnalyticsDatabase.OpenAsync(database, args.Length > 2 ? args[2] : "/tmp/barberpro-analytics-bench")) { }
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
