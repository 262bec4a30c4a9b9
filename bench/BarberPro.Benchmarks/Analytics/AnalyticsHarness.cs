using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using BarberPro.Domain.Analytics;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Benchmarks.Analytics;

/// <summary>
/// The owner's analytics report end to end on a busy shop's two years (<see cref="AnalyticsHistory"/>):
/// <c>bench/run-analytics.sh</c>, or <c>dotnet run -c Release --project bench/BarberPro.Benchmarks -- analytics</c>.
/// <para>
/// Per database: the seeded database (<see cref="AnalyticsDatabase"/>), the app's DI container on a fixed clock, then for
/// each range (the 90 and the 365 days ending "today", and the 90 days of one barber) <c>--warmup</c> unreported calls and
/// <c>--runs</c> measured calls of <see cref="AnalyticsService.ReportAsync"/> as the shop's owner, one at a time; each call
/// is timed from the call to the returned report (a fresh DbContext, every query, the previous period included).
/// Reports median, p95, min and max. <c>--trace</c> then runs each range once more with every SQL command timed
/// (executing to reader closed) and lists them, slowest first.
/// </para>
/// Options: <c>--databases sqlite-analyzed,postgres</c> (PostgreSQL needs <c>BARBERPRO_BENCH_POSTGRES</c>; <c>sqlite</c>, the
/// file without planner statistics as the app leaves it, is left out by default: two of its queries take minutes each,
/// see docs/BENCHMARKS.md), <c>--runs 30</c>,
/// <c>--warmup 5</c>, <c>--data /tmp/barberpro-analytics-bench</c>, <c>--trace</c>; <c>--list</c> measures the owner's booking
/// list on the same data instead (<see cref="BookingListHarness"/>).
/// </summary>
internal static class AnalyticsHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = IntOption(args, "--runs", 30);
        var warmup = IntOption(args, "--warmup", 5);
        var data = Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), "barberpro-analytics-bench");
        var postgres = Environment.GetEnvironmentVariable(ContentionHarness.PostgresVariable) is { Length: > 0 };
        var databases = (Option(args, "--databases") ?? (postgres ? "sqlite-analyzed,postgres" : "sqlite-analyzed")).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var trace = args.Contains("--trace");
        if (args.Contains("--list"))
            return await BookingListHarness.RunAsync(data, databases, runs, warmup);

        BenchMachine.PrintAnalyticsHeader("Analytics report end to end", warmup, runs);
        var rows = new List<string>();
        var traces = new List<string>();
        foreach (var database in databases)
        {
            var log = new CommandLog();
            await using var bench = await AnalyticsDatabase.OpenAsync(database, data, (services, sqlite) =>
            {
                if (sqlite)
                    services.ConfigureDbContext<SqliteBarberProDbContext>((_, o) => o.AddInterceptors(log));
                else
                    services.ConfigureDbContext<PostgreSqlBarberProDbContext>((_, o) => o.AddInterceptors(log));
            });
            var service = bench.Services.GetRequiredService<AnalyticsService>();
            var owner = Actor.Owner(bench.OwnerUserId);
            (string Label, AnalyticsQuery Query)[] cases =
            [
                ("90 days", new AnalyticsQuery(bench.ShopId, bench.Today.PlusDays(-89), bench.Today)),
                ("1 year", new AnalyticsQuery(bench.ShopId, bench.Today.PlusDays(-364), bench.Today)),
                ("90 days, one barber", new AnalyticsQuery(bench.ShopId, bench.Today.PlusDays(-89), bench.Today, bench.ProviderIds[0])),
            ];
            foreach (var (label, query) in cases)
            {
                AnalyticsReport? report = null;
                for (var i = 0; i < warmup; i++)
                    report = await ReportAsync(service, query, owner);
                var times = new double[runs];
                for (var i = 0; i < runs; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    report = await ReportAsync(service, query, owner);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                Array.Sort(times);
                var b = report!.Current.Bookings;
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {bench.Name} | {label} | {Pct(times, 0.5):0.0} ms | {Pct(times, 0.95):0.0} ms | {times[0]:0.0} ms | {times[^1]:0.0} ms | " +
                    $"{b.Made:N0} made, {b.Completed:N0} completed, {b.NoShows:N0} no-shows, {b.Cancelled:N0} cancelled ({b.LateCancellations:N0} late) |"));
                Console.Error.WriteLine(rows[^1]);

                if (!trace)
                    continue;
                log.Start();
                var total = Stopwatch.StartNew();
                await ReportAsync(service, query, owner);
                total.Stop();
                var steps = log.Stop();
                traces.Add($"### {bench.Name}, {label}: {total.Elapsed.TotalMilliseconds:0.0} ms, {steps.Count} commands, {steps.Sum(s => s.Ms):0.0} ms in them");
                traces.Add("");
                traces.AddRange(steps.OrderByDescending(s => s.Ms).Select(s => string.Create(CultureInfo.InvariantCulture,
                    $"- {s.Ms:0.0} ms, {s.Rows} reads: `{Shorten(s.Sql)}`")));
                traces.Add("");
            }
        }
        Console.WriteLine("| database | range | median | p95 | min | max | figures of the range |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {BenchMachine.LoadAverage()}.");
        if (traces.Count > 0)
        {
            Console.WriteLine();
            traces.ForEach(Console.WriteLine);
        }
        return 0;
    }

    private static async Task<AnalyticsReport> ReportAsync(AnalyticsService service, AnalyticsQuery query, Actor owner)
    {
        var result = await service.ReportAsync(query, owner);
        return result.Succeeded ? result.Value! : throw new InvalidOperationException($"ReportAsync failed: {(result.IsNotFound ? "not found" : result.Error)}");
    }

    private static double Pct(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Shorten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 400 ? flat[..400] + " …" : flat;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;



    /// <summary>One SQL command of a traced report: its text, rows read and time from executing to its reader closing.</summary>
    internal sealed record TimedCommand(string Sql, double Ms, int Rows);

    /// <summary>Times every command while on: from executing to the reader's close (so reading the rows counts).</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<DbCommand, long> _started = new();
        private ConcurrentBag<TimedCommand>? _steps;

        public void Start() => _steps = [];

        public List<TimedCommand> Stop()
        {
            var steps = _steps?.ToList() ?? [];
            _steps = null;
            return steps;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_steps is not null)
                _started[command] = Stopwatch.GetTimestamp();
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            if (_steps is not null)
                _started[command] = Stopwatch.GetTimestamp();
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
            CancellationToken cancellationToken = default)
        {
            if (_steps is { } steps && _started.TryRemove(command, out var started))
                steps.Add(new TimedCommand(command.CommandText, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
            return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (_steps is { } steps && _started.TryRemove(command, out var started))
                steps.Add(new TimedCommand(command.CommandText, Stopwatch.GetElapsedTime(started).TotalMilliseconds, eventData.ReadCount));
            return base.DataReaderClosing(command, eventData, result);
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (_steps is { } steps && _started.TryRemove(command, out var started))
                steps.Add(new TimedCommand(command.CommandText, Stopwatch.GetElapsedTime(started).TotalMilliseconds, eventData.ReadCount));
            return base.DataReaderClosingAsync(command, eventData, result);
        }
    }
}
