using System.Diagnostics;
using System.Globalization;
using BarberPro.Domain.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace BarberPro.Benchmarks.Analytics;

/// <summary>
/// Issue 15's list figure: the owner's booking list (what <c>GET /api/v1/bookings</c> reads) over the 90 days ending
/// "today" on the analytics benchmark's 200,000 bookings (<see cref="AnalyticsHistory"/>): <c>bench/run-analytics.sh --list</c>.
/// Per database: <c>--warmup</c> unreported and <c>--runs</c> measured calls, one at a time, each from the call to the
/// returned page (a fresh DbContext, its scope queries and the joined page): the first page (500 bookings, the API's
/// default), the whole 90 days walked page by page, and one barber's first page. Median, p95, min, max.
/// </summary>
internal static class BookingListHarness
{
    public static async Task<int> RunAsync(string data, IReadOnlyList<string> databases, int runs, int warmup)
    {
        BenchMachine.PrintAnalyticsHeader("Owner's booking list on 200,000 bookings", warmup, runs);
        var rows = new List<string>();
        foreach (var database in databases)
        {
            await using var bench = await AnalyticsDatabase.OpenAsync(database, data);
            var queries = bench.Services.GetRequiredService<BookingQueries>();
            var zone = DateTimeZoneProviders.Tzdb["America/Argentina/Buenos_Aires"];
            var range = new Interval(zone.AtStartOfDay(bench.Today.PlusDays(-89)).ToInstant(), zone.AtStartOfDay(bench.Today.PlusDays(1)).ToInstant());
            var owner = new[] { Actor.Owner(bench.OwnerUserId) };
            var barberUser = await BarberUserAsync(bench);
            (string Label, Func<Task<int>> Call)[] cases =
            [
                ("owner, 90 days, first page (500)", async () => (await queries.ListPageAsync(owner, range, null, null)).Items.Count),
                ("owner, 90 days, every page", async () =>
                {
                    var count = 0;
                    BookingCursor? after = null;
                    do
                    {
                        var page = await queries.ListPageAsync(owner, range, null, after);
                        count += page.Items.Count;
                        after = page.Next;
                    }
                    while (after is not null);
                    return count;
                }),
                ("one barber, 90 days, first page (500)", async () => (await queries.ListPageAsync([Actor.Provider(barberUser)], range, null, null)).Items.Count),
            ];
            foreach (var (label, call) in cases)
            {
                var items = 0;
                for (var i = 0; i < warmup; i++)
                    items = await call();
                var times = new double[runs];
                for (var i = 0; i < runs; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    items = await call();
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                Array.Sort(times);
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {bench.Name} | {label} | {Pct(times, 0.5):0.0} ms | {Pct(times, 0.95):0.0} ms | {times[0]:0.0} ms | {times[^1]:0.0} ms | {items:N0} bookings |"));
                Console.Error.WriteLine(rows[^1]);
            }
        }
        Console.WriteLine("| database | list | median | p95 | min | max | read |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {BenchMachine.LoadAverage()}.");
        return 0;
    }

    private static async Task<string> BarberUserAsync(AnalyticsDatabase bench)
    {
        await using var db = await bench.Services.GetRequiredService<IDbContextFactory<BarberPro.Domain.Data.BarberProDbContext>>().CreateDbContextAsync();
        var id = bench.ProviderIds[0];
        return await db.Providers.Where(p => p.Id == id).Select(p => p.UserId!).SingleAsync();
    }

    private static double Pct(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
