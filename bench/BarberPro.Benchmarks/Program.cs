using BarberPro.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/BarberPro.Benchmarks -- --filter '*'      (BenchmarkDotNet)
// dotnet run -c Release --project bench/BarberPro.Benchmarks -- contention       (N concurrent writers, markdown table)
// dotnet run -c Release --project bench/BarberPro.Benchmarks -- demo-seed        (how long the demo shop takes to seed)
// bench/run-analytics.sh                                                           (the analytics report on 200,000 bookings)
if (args.Length > 0 && args[0] == "contention")
    return await ContentionHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "demo-seed")
    return await DemoSeedTiming.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "analytics")
    return await BarberPro.Benchmarks.Analytics.AnalyticsHarness.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
